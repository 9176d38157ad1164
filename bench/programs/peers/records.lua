local n = tonumber(arg[1])
local regions = { "north", "south", "east", "west" }
local orders = {}
for i = 0, n - 1 do
  orders[i + 1] = { id = i, region = regions[i % 4 + 1], amount = i * 7919 % 1000, paid = i % 3 ~= 0 }
end
local total, matched = 0, 0
for _, order in ipairs(orders) do
  if order.paid and order.region == "east" then
    total = total + order.amount
    matched = matched + 1
  end
end
print(string.format("%d", total * 1000 + matched % 1000))
