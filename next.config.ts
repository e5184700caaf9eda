import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and Node-only packages stay outside the bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg", "ioredis", "nodemailer"],
  poweredByHeader: false,
  // `npm run dev` prints http://localhost:3000; opened as 127.0.0.1 instead, Next 16 blocks its dev scripts
  // from that origin and pages never hydrate (forms then submit as plain GETs).
  allowedDevOrigins: ["127.0.0.1"],
  // Lets two builds share a checkout (parallel e2e runs on one machine); the default is .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default nextConfig;
