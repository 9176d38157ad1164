# Writes a response followed by more text.
print('{"output": 1}')
print("done.")
