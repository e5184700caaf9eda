// Liveness: the process answers. No database, so it is also the latency floor.
export function GET() {
  return Response.json({ status: "ok", uptimeSeconds: Math.round(process.uptime()) });
}
