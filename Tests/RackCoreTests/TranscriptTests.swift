import RackCore
import Testing

@Suite struct TranscriptTests {
    @Test func aLongOutputKeepsItsHeadAndTailAndSaysHowMuchWasLeftOut() {
        let transcript = Transcript()
        transcript.append([UInt8](repeating: UInt8(ascii: "a"), count: Transcript.half))
        transcript.append([UInt8](repeating: UInt8(ascii: "b"), count: 3 * Transcript.half))
        transcript.append([UInt8](repeating: UInt8(ascii: "c"), count: 10))
        let text = transcript.text
        let left = 2 * Transcript.half + 10
        #expect(text.hasPrefix(String(repeating: "a", count: Transcript.half) + "\n[… \(left) bytes of output left out …]\n"))
        #expect(text.hasSuffix(String(repeating: "b", count: Transcript.half - 10) + String(repeating: "c", count: 10)))
        // Reading it again gives the same text: the output is read by the hook's release and failure calls.
        #expect(transcript.text == text)
    }
}
