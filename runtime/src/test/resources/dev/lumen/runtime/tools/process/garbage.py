# Writes text that is not JSON.
print("Hello! Here is your answer: 42")
