-- POST /api/v1/auth/login with the demo coordinator (bench/run.sh).
wrk.method = "POST"
wrk.body = '{"email":"koordinator@example.cz","password":"spoluplan-demo"}'
wrk.headers["Content-Type"] = "application/json"
