-- One newsletter sign-up per request, each with an address of its own.
counter = 0
request = function()
  counter = counter + 1
  local body = "email=bench-" .. counter .. "-" .. math.random(1, 1000000000) .. "%40example.org&language=sv"
  return wrk.format("POST", nil, {["Content-Type"] = "application/x-www-form-urlencoded"}, body)
end
