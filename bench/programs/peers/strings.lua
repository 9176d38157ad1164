local n = tonumber(arg[1])
local pieces = {}
for i = 0, n - 1 do pieces[#pieces + 1] = "item" .. i .. ";" end
local text = table.concat(pieces)
local checksum = 0
local byte = string.byte
for k = 1, #text do checksum = (checksum * 31 + byte(text, k)) % 1000000007 end
print(string.format("%d", checksum))
