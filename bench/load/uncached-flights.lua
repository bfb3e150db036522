-- Every request a flight search nobody asked before: the departure day, stay and party size vary.
local counter = 0
setup = function(thread)
  counter = counter + 1
  thread:set("id", counter)
end
init = function(args)
  n = 0
  base = os.time() + 10 * 86400
end
request = function()
  n = n + 1
  local k = (id or 1) * 1000003 + n
  local depart = os.date("!%Y-%m-%d", base + (k % 300) * 86400)
  local back = os.date("!%Y-%m-%d", base + ((k % 300) + 3 + (math.floor(k / 300) % 7)) * 86400)
  local adults = 1 + (math.floor(k / 7) % 6)
  return wrk.format("GET", "/api/v1/flights/search?origin=NYC&destination=LON&departureDate=" .. depart .. "&returnDate=" .. back .. "&adults=" .. adults)
end
