import type { ChatRequest } from "../tests/fixtures/openai-compatible-server";
import { messageText } from "../tests/fixtures/openai-compatible-server";

/**
 * What the local OpenAI-compatible server answers during end-to-end tests:
 * the rubric grader gets a valid JSON grading (each criterion one below its
 * maximum, with feedback), the tutor gets a short deterministic reply long
 * enough to arrive in many streamed chunks.
 */

const criterionPattern = /- id: (\S+)\n\s+title: [^\n]*\n\s+scores: (-?\d+(?:\.\d+)?) \(lowest\) to (-?\d+(?:\.\d+)?) \(highest\)/g;

export const tutorReplyPrefix = "Mock tutor:";

export function mockAnswer(request: ChatRequest): string {
  const last = request.messages.at(-1);
  const lastText = last ? messageText(last) : "";
  if (request.response_format) {
    const criteria = [...lastText.matchAll(criterionPattern)].map((m) => {
      const max = Number(m[3]);
      const min = Number(m[2]);
      return { criterionId: m[1]!, score: Math.max(min, max - 1), feedback: `Good start on ${m[1]}; add one more precise detail to earn full marks.` };
    });
    return JSON.stringify({ criteria });
  }
  return `${tutorReplyPrefix} good question. Think about what the lesson says about direction: velocity has one, speed does not. What do you notice when the direction changes?`;
}
