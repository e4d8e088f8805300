print("rack")
