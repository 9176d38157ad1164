local n = tonumber(arg[1])
local syllables = { "ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pa" }
local words = {}
for k = 0, 996 do
  words[k] = syllables[k % 10 + 1] .. syllables[math.floor(k / 10) % 10 + 1] .. syllables[math.floor(k / 100) + 1]
end
local counts, size = {}, 0
for i = 0, n - 1 do
  local w = words[i * i % 997]
  local c = counts[w]
  if c == nil then size = size + 1; c = 0 end
  counts[w] = c + 1
end
local keys = {}
for w in pairs(counts) do keys[#keys + 1] = w end
table.sort(keys)
local checksum = size
for _, w in ipairs(keys) do checksum = (checksum * 31 + counts[w]) % 1000000007 end
print(string.format("%d", checksum))
