local n = tonumber(arg[1])
local sum = 0
for i = 0, n - 1 do sum = sum + i * i % 7 end
print(string.format("%d", sum))
