# Writes JSON that is not a response: the member is named after its argument.
import sys
kind = sys.argv[1]
print({"result": '{"result": 1}', "both": '{"output": 1, "error": {"message": "x"}}',
       "list": '[1, 2]', "bad_error": '{"error": "no"}'}[kind])
