# Answers without reading its request.
print('{"output": "did not read it"}')
