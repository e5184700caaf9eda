import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and Node-only packages stay outside the bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg", "ioredis", "nodemailer"],
  poweredByHeader: false,
  // Lets two builds share a checkout (parallel e2e runs on one machine); the default is .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default nextConfig;
