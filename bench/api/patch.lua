-- wrk script: PATCH config vars with a new value each time (each one is a new release).
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("PATCH", nil, nil, '{"BENCH_COUNTER":"' .. counter .. '"}')
end
