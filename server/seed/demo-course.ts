import type { ItemContentInput } from "@/lib/schemas/course-content";

/**
 * The demo course a new Lyceum meets: three weeks of introductory mechanics
 * with lessons (code, images, callouts), a practice quiz using every question
 * type, an assignment and an exam. Pure data; server/seed/demo.ts writes it
 * through the authoring and cohort services.
 */

export interface DemoItem {
  title: string;
  content: ItemContentInput;
}

export interface DemoModule {
  title: string;
  items: DemoItem[];
}

export const demoCourse = {
  title: "Motion and Forces",
  description:
    "An introduction to mechanics: how things move, why they speed up or slow down, and how to predict it with a few simple laws. Three weeks, with a practice quiz, a lab write-up and a short exam.",
};

const lesson = (title: string, markdown: string): DemoItem => ({ title, content: { kind: "lesson", markdown } });

export const demoModules: DemoModule[] = [
  {
    title: "Week 1 · Describing motion",
    items: [
      lesson(
        "Position, distance and displacement",
        `# Position, distance and displacement

Before we can explain *why* things move, we need words to describe *how* they move.

## Position
An object's **position** is where it is, measured from a chosen origin. On a straight track we use a single number, *x*, in metres.

## Distance vs displacement
- **Distance** is how much ground an object covers: it only adds up.
- **Displacement** is the change in position, Δx = x_final − x_initial. It has a direction and can be negative.

> [!NOTE]
> A runner who does one full lap of a 400 m track covers a distance of 400 m, but their displacement is 0 m: they end where they started.

| Trip | Distance | Displacement |
| --- | --- | --- |
| Walk 5 m east | 5 m | +5 m |
| Walk 5 m east, then 5 m west | 10 m | 0 m |
| Walk 3 m west | 3 m | −3 m |

> [!TIP]
> Always draw an arrow for your positive direction before you start a problem.
`,
      ),
      lesson(
        "Speed and velocity",
        `# Speed and velocity

**Average speed** = distance ÷ time. **Average velocity** = displacement ÷ time.

Velocity is speed *with a direction*, so it can be negative on a straight line.

## Worked example
A cyclist rides 12 km north in 30 minutes, then 4 km south in 10 minutes.

- Distance: 16 km in 40 min → average speed = 16 km ÷ (2/3 h) = **24 km/h**
- Displacement: 8 km north → average velocity = 8 km ÷ (2/3 h) = **12 km/h north**

## Try it in code
Computing an average velocity from a list of positions:

\`\`\`python
positions = [0.0, 2.5, 6.0, 10.5]   # metres, one reading per second
dt = 1.0                            # seconds between readings

velocities = [(b - a) / dt for a, b in zip(positions, positions[1:])]
print(velocities)                   # [2.5, 3.5, 4.5]
\`\`\`

> [!IMPORTANT]
> A speedometer shows *instantaneous* speed; the averages above describe a whole trip.
`,
      ),
      {
        title: "Practice: describing motion",
        content: {
          kind: "quiz",
          mode: "practice",
          passPercent: 60,
          instructions: "Practice quiz: you get feedback straight away and can try as often as you like.",
          questions: [
            {
              id: "displacement-lap",
              kind: "single_choice",
              prompt: "A runner completes exactly one lap of a 400 m track. What is their displacement?",
              choices: [
                { id: "a", text: "400 m" },
                { id: "b", text: "0 m" },
                { id: "c", text: "200 m" },
              ],
              answerKey: { correctChoiceIds: ["b"] },
            },
            {
              id: "vectors",
              kind: "multiple_choice",
              prompt: "Which of these quantities have a direction (are vectors)?",
              partialCredit: true,
              points: 2,
              choices: [
                { id: "velocity", text: "Velocity" },
                { id: "speed", text: "Speed" },
                { id: "displacement", text: "Displacement" },
                { id: "distance", text: "Distance" },
              ],
              answerKey: { correctChoiceIds: ["velocity", "displacement"] },
            },
            {
              id: "avg-speed",
              kind: "short_answer",
              prompt: "A car travels 150 km in 2 hours. What is its average speed in km/h? (number only)",
              options: { numericTolerance: 0.5 },
              answerKey: { acceptedAnswers: ["75"] },
            },
            {
              id: "explain-velocity",
              kind: "subjective",
              prompt: "Explain in your own words why a car driving around a roundabout at a constant 30 km/h does not have a constant velocity.",
              points: 4,
              rubric: {
                criteria: [
                  { id: "direction", title: "Direction", description: "States that velocity includes direction and the direction keeps changing on a curve.", min: 0, max: 2, pass: 1 },
                  { id: "speed", title: "Speed vs velocity", description: "Distinguishes the constant speed from the changing velocity.", min: 0, max: 2, pass: 1 },
                ],
              },
              graderNotes: "A full answer says velocity is a vector; on a curve the direction changes, so velocity changes even though speed is constant.",
            },
            {
              id: "avg-velocity-code",
              kind: "code",
              prompt: "Write a Python function `average_velocity(positions, dt)` that returns the average velocity over the whole list of positions (first to last), sampled every `dt` seconds.",
              language: "python",
              points: 3,
              starterCode: "def average_velocity(positions, dt):\n    # positions: list of floats (metres), dt: seconds between samples\n    pass\n",
              referenceTests: "assert average_velocity([0, 2, 4], 1) == 2\nassert average_velocity([5, 5], 2) == 0",
            },
          ],
        },
      },
    ],
  },
  {
    title: "Week 2 · Acceleration",
    items: [
      lesson(
        "What acceleration means",
        `# What acceleration means

**Acceleration** is how fast velocity changes: a = Δv ÷ Δt, in m/s².

![A velocity-time graph: a straight line rising from 0 to 20 m/s over 4 seconds](/demo/velocity-time.svg)

- Speeding up in the positive direction: a > 0
- Slowing down while moving in the positive direction: a < 0

> [!WARNING]
> "Negative acceleration" does not always mean slowing down. It means the velocity is changing in the negative direction; an object moving in the negative direction and speeding up also has a < 0.

## Free fall
Near the Earth's surface every object falls with the same acceleration, **g ≈ 9.81 m/s²**, if air resistance is small.
`,
      ),
      lesson(
        "The equations of motion",
        `# The equations of motion

For constant acceleration *a*, starting with velocity *u*:

1. v = u + a·t
2. s = u·t + ½·a·t²
3. v² = u² + 2·a·s

> [!TIP]
> List what you know (u, v, a, s, t) and what you want; pick the equation that has exactly one unknown.

## Example
A ball is dropped from rest. How far has it fallen after 2 s?

s = 0·2 + ½ · 9.81 · 2² ≈ **19.6 m**
`,
      ),
      {
        title: "Lab: measuring g with a falling object",
        content: {
          kind: "assignment",
          submission: "text_or_file",
          maxPoints: 10,
          instructions: `Drop a small, dense object (a coin, a key) from a measured height and time the fall at least five times.

1. Record the height and each time in a table.
2. Compute g from s = ½·g·t² for each drop, then the average.
3. Explain at least two sources of error.

Hand in your write-up as text below or upload a PDF, photo or spreadsheet.`,
        },
      },
    ],
  },
  {
    title: "Week 3 · Newton's laws",
    items: [
      lesson(
        "Newton's three laws",
        `# Newton's three laws

1. **Inertia.** An object keeps its velocity unless a net force acts on it.
2. **F = m·a.** The net force on an object equals its mass times its acceleration.
3. **Action and reaction.** When A pushes on B, B pushes back on A with an equal and opposite force.

> [!NOTE]
> The two forces in the third law act on *different* objects, so they never cancel each other out.

## Free-body diagrams
Draw the object as a dot and every force on it as an arrow. Add them up (with directions) to get the net force, then use F = m·a.

\`\`\`text
        ↑ Normal force (N)
        ●
        ↓ Weight (m·g)
\`\`\`
`,
      ),
      {
        title: "Exam: motion and forces",
        content: {
          kind: "quiz",
          mode: "exam",
          passPercent: 50,
          attemptLimit: 2,
          timeLimitMinutes: 20,
          instructions: "Two attempts, 20 minutes each. Your results appear once your teacher releases them.",
          questions: [
            {
              id: "second-law",
              kind: "short_answer",
              prompt: "A net force of 10 N acts on a 2 kg cart. What is its acceleration in m/s²?",
              options: { numericTolerance: 0.01 },
              answerKey: { acceptedAnswers: ["5"] },
            },
            {
              id: "third-law",
              kind: "single_choice",
              prompt: "A book rests on a table. What is the reaction force to the book's weight?",
              choices: [
                { id: "normal", text: "The table pushing up on the book" },
                { id: "earth", text: "The book pulling the Earth up" },
                { id: "none", text: "There is none: the book is at rest" },
              ],
              answerKey: { correctChoiceIds: ["earth"] },
            },
            {
              id: "seatbelt",
              kind: "subjective",
              prompt: "Use Newton's first law to explain why passengers need seatbelts when a car brakes suddenly.",
              points: 4,
              rubric: {
                criteria: [
                  { id: "inertia", title: "Inertia", description: "Says the passenger keeps moving forward at the car's former speed.", min: 0, max: 2, pass: 1 },
                  { id: "force", title: "Force", description: "Says the seatbelt supplies the force that decelerates the passenger with the car.", min: 0, max: 2, pass: 1 },
                ],
              },
            },
          ],
        },
      },
    ],
  },
];
