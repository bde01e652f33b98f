-- One newsletter sign-up per request, each with an address no earlier run has used: a repeated
-- address would meet the per-address limit and be measured as a refusal.
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  run = os.time()
  counter = 0
end

request = function()
  counter = counter + 1
  local body = "email=bench-" .. run .. "-" .. id .. "-" .. counter .. "%40example.org&language=sv"
  return wrk.format("POST", nil, {["Content-Type"] = "application/x-www-form-urlencoded"}, body)
end
