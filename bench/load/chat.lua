-- One chat session per connection (sessions come in SESSIONS, comma-separated; the bearer token in AUTH):
-- one turn at a time on each, as one person types.
local counter = 0
local threads = {}
setup = function(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end
init = function(args)
  local sessions = {}
  for s in string.gmatch(os.getenv("SESSIONS"), "[^,]+") do table.insert(sessions, s) end
  session = sessions[((id or 1) - 1) % #sessions + 1]
  auth = os.getenv("AUTH")
  phrases = { "Boston to Lisbon on the 12th of March for a week, two of us", "under $900 each", "nonstop only", "a hotel near the river" }
  n = 0
end
request = function()
  n = n + 1
  local body = '{"text":"' .. phrases[(n - 1) % #phrases + 1] .. '"}'
  return wrk.format("POST", "/api/v1/chat/sessions/" .. session .. "/messages", { ["Content-Type"] = "application/json", ["Authorization"] = auth }, body)
end
