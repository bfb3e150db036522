-- A plain GET of the URL given to wrk, with the bearer token in AUTH when set.
init = function(args)
  if os.getenv("AUTH") and os.getenv("AUTH") ~= "" then wrk.headers["Authorization"] = os.getenv("AUTH") end
end
