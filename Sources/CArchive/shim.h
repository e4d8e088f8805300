#include <archive.h>
#include <archive_entry.h>
#include <libdeflate.h>
