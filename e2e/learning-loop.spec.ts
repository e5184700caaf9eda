import type { Page } from "@playwright/test";
import { tutorReplyPrefix } from "./mock-ai";
import { demo, demoPassword, expect, idsFromUrl, newPersonContext, signIn, snapPage, test, uniqueEmail } from "./fixtures";

/**
 * The learning loop end to end, as the people do it: a teacher builds a
 * course with a lesson and a practice quiz, opens a cohort and its join
 * link; a new learner signs up from the link, reads the lesson, asks the AI
 * tutor (streamed from the local OpenAI-compatible mock), takes the quiz and
 * sees the AI rubric grading; the teacher overrides the grade from the
 * review queue with a comment; the learner sees the new grade and the
 * comment on the quiz and in their notifications. Along the way the server
 * refuses the learner the teacher's pages and procedures.
 */

const run = `${Date.now() % 1_000_000}`;
const courseTitle = `Kinematics ${run}`;
const moduleTitle = "Week 1: Motion";
const lessonTitle = "Speed and velocity";
const quizTitle = "Quick check on motion";
const lessonHeading = "Velocity has a direction";
const lessonMarkdown = `# ${lessonHeading}

Speed tells you **how fast**; velocity also tells you *which way*.

> [!TIP]
> A car going round a roundabout at a steady 30 km/h is still changing its velocity.
`;
const choicePrompt = "Which quantity includes a direction?";
const rightChoice = "Velocity";
const wrongChoice = "Speed";
const writtenPrompt = "Explain why a car on a roundabout at constant speed has a changing velocity.";
const criterionTitle = "Direction";
const cohortName = `Cohort ${run}`;
const learnerName = `Lena Learner ${run}`;
const overrideComment = "Full marks: you named the changing direction clearly.";

/** A toast's title, once: toasts stack, and an earlier one may still be on screen. */
async function expectToast(page: Page, title: string) {
  await expect(page.getByText(title, { exact: true }).first()).toBeVisible();
}

test("a teacher builds a course and cohort, a learner joins, learns with the tutor, takes the quiz, and sees the teacher's override", async ({ page: teacher, browser }) => {
  test.setTimeout(180_000);
  const shared = { orgId: "", courseId: "", cohortId: "", joinPath: "" };

  await test.step("the teacher creates a course with a lesson and a practice quiz, and publishes it", async () => {
    await signIn(teacher, demo.teacher);
    await teacher.getByRole("navigation", { name: "Organisation" }).getByRole("link", { name: "Courses" }).click();
    await expect(teacher.getByRole("heading", { name: "Courses", level: 1 })).toBeVisible();
    await expect(teacher.getByRole("list", { name: "Courses" })).toBeVisible();
    await snapPage(teacher, "01-teacher-courses");

    await teacher.getByRole("button", { name: "New course" }).first().click();
    const dialog = teacher.getByRole("dialog", { name: "New course" });
    await dialog.getByLabel(/^Title/).fill(courseTitle);
    const unit = dialog.getByLabel(/^Unit/);
    const science = await unit.locator("option", { hasText: /Science Department$/ }).textContent();
    await unit.selectOption({ label: science ?? "" });
    await dialog.getByLabel(/^Description/).fill("How things move: speed, velocity and acceleration.");
    await dialog.getByRole("button", { name: "Create course" }).click();
    await expect(teacher.getByRole("heading", { name: courseTitle, level: 1 })).toBeVisible();
    Object.assign(shared, idsFromUrl(teacher.url()));
    expect(shared.courseId).not.toBe("");
    await expect(teacher.getByTestId("course-status")).toHaveText("Draft");

    const addModule = teacher.getByRole("form", { name: "Add a module" });
    await addModule.getByLabel("New module").fill(moduleTitle);
    await addModule.getByRole("button", { name: "Add module" }).click();
    const addItem = teacher.getByRole("form", { name: `Add an item to ${moduleTitle}` });
    await expect(addItem).toBeVisible();
    await addItem.getByLabel("Type").selectOption({ label: "Lesson" });
    await addItem.getByLabel("Title").fill(lessonTitle);
    await addItem.getByRole("button", { name: "Add" }).click();
    const items = teacher.getByRole("list", { name: `Items of ${moduleTitle}` });
    await expect(items.getByRole("link", { name: lessonTitle, exact: true })).toBeVisible();
    await addItem.getByLabel("Type").selectOption({ label: "Quiz" });
    await addItem.getByLabel("Title").fill(quizTitle);
    await addItem.getByRole("button", { name: "Add" }).click();
    await expect(items.getByRole("link", { name: quizTitle, exact: true })).toBeVisible();
    await snapPage(teacher, "02-course-editor-drafts");

    // The lesson: Markdown with a live preview beside it.
    await items.getByRole("link", { name: lessonTitle, exact: true }).click();
    await expect(teacher.getByRole("heading", { name: lessonTitle, level: 1 })).toBeVisible();
    const editor = teacher.locator('[data-slot="markdown-editor"]');
    await editor.getByRole("textbox").fill(lessonMarkdown);
    await expect(editor.getByRole("heading", { name: lessonHeading })).toBeVisible();
    await expect(editor.locator("strong", { hasText: "how fast" })).toBeVisible();
    await snapPage(teacher, "03-lesson-editor-preview");
    await teacher.getByRole("button", { name: "Save and publish" }).click();
    await expect(teacher.getByTestId("item-state")).toHaveText("Published");
    await expect(teacher.getByRole("button", { name: "Saved" })).toBeDisabled();

    // The quiz: one single-choice question and one written answer graded by AI against a rubric.
    await teacher.getByRole("link", { name: `${courseTitle} · ${moduleTitle}` }).click();
    await teacher.getByRole("list", { name: `Items of ${moduleTitle}` }).getByRole("link", { name: quizTitle, exact: true }).click();
    await expect(teacher.getByRole("heading", { name: quizTitle, level: 1 })).toBeVisible();
    await expect(teacher.getByRole("radio", { name: "Practice" })).toBeChecked();
    await teacher.getByLabel("Question type").selectOption({ label: "Single choice" });
    await teacher.getByRole("button", { name: "Add question" }).click();
    const first = teacher.getByRole("listitem", { name: "Question 1" });
    await first.getByLabel(/^Question\W*$/).fill(choicePrompt);
    await first.getByRole("textbox", { name: "Choice 1", exact: true }).fill(wrongChoice);
    await first.getByRole("textbox", { name: "Choice 2", exact: true }).fill(rightChoice);
    await first.getByRole("radio", { name: "Choice 2 is correct" }).check();

    await teacher.getByLabel("Question type").selectOption({ label: "Written answer (AI-graded with a rubric)" });
    await teacher.getByRole("button", { name: "Add question" }).click();
    const second = teacher.getByRole("listitem", { name: "Question 2" });
    await second.getByLabel(/^Question\W*$/).fill(writtenPrompt);
    await second.getByRole("textbox", { name: /^Criterion 1/ }).fill(criterionTitle);
    await second.getByLabel(/^What it rewards/).fill("Says that velocity includes direction, and the direction keeps changing on a curve.");
    await expect(second.getByLabel(/^Highest/)).toHaveValue("4");
    await snapPage(teacher, "04-quiz-editor");
    await teacher.getByRole("button", { name: "Save and publish" }).click();
    await expect(teacher.getByTestId("item-state")).toHaveText("Published");
    await expect(teacher.getByTestId("item-errors")).toHaveCount(0);

    await teacher.getByRole("link", { name: `${courseTitle} · ${moduleTitle}` }).click();
    await expect(teacher.getByTestId("publish-all")).toHaveText(/All changes published/);
    await teacher.getByRole("button", { name: "Publish course" }).click();
    const publish = teacher.getByRole("dialog", { name: `Publish “${courseTitle}”?` });
    await publish.getByRole("button", { name: "Publish course" }).click();
    await expect(publish).toBeHidden();
    await expect(teacher.getByTestId("course-status")).toHaveText("Published");
    await expect(teacher.getByTestId("item-state")).toHaveText(["Published", "Published"]);
    await snapPage(teacher, "05-course-editor-published");
  });

  await test.step("the teacher opens a cohort without drip and creates its join link", async () => {
    await teacher.getByRole("link", { name: "Cohorts", exact: true }).click();
    await expect(teacher.getByRole("heading", { name: `Cohorts of ${courseTitle}`, level: 1 })).toBeVisible();
    const empty = teacher.getByTestId("cohorts-empty");
    await expect(empty).toContainText("No cohorts yet");
    await snapPage(teacher, "06-course-cohorts-empty");
    await empty.getByRole("button", { name: "New cohort" }).click();
    const dialog = teacher.getByRole("dialog", { name: "New cohort" });
    await dialog.getByLabel(/^Name/).fill(cohortName);
    await expect(dialog.getByLabel(/^Start date/)).not.toHaveValue("");
    await expect(dialog.getByRole("radio", { name: "All at once" })).toBeChecked();
    await snapPage(teacher, "07-new-cohort-dialog");
    await dialog.getByRole("button", { name: "Create cohort" }).click();
    await expect(teacher).toHaveURL(/\/cohorts\/[^/]+\/settings$/);
    await expect(teacher.getByRole("heading", { name: cohortName, level: 1 })).toBeVisible();
    shared.cohortId = idsFromUrl(teacher.url()).cohortId;

    await teacher.getByRole("button", { name: "Create join link" }).click();
    const link = teacher.getByLabel("Join link");
    await expect(link).toHaveValue(/\/join\/[^/]+$/);
    shared.joinPath = new URL(await link.inputValue()).pathname;
    await snapPage(teacher, "08-cohort-settings-join-link");
  });

  const learnerContext = await newPersonContext(browser);
  const learner = await learnerContext.newPage();

  await test.step("a new learner opens the join link signed out, creates an account and lands on the course home", async () => {
    await learner.goto(shared.joinPath);
    await expect(learner.getByRole("heading", { name: `Join ${cohortName}`, level: 1 })).toBeVisible();
    await expect(learner.getByText(courseTitle)).toBeVisible();
    await snapPage(learner, "09-join-signed-out");
    await learner.getByRole("link", { name: "Create an account" }).click();
    await expect(learner).toHaveURL(/\/sign-up\?cohort=/);
    await learner.getByLabel(/^Your name/).fill(learnerName);
    await learner.getByLabel(/^Email/).fill(uniqueEmail("learner"));
    await learner.getByLabel(/^Password/).fill(demoPassword);
    await snapPage(learner, "10-sign-up-from-join-link");
    await learner.getByRole("button", { name: "Create account and join" }).click();

    await expect(learner).toHaveURL(new RegExp(`/orgs/${shared.orgId}/cohorts/${shared.cohortId}/learn$`));
    await expect(learner.getByRole("heading", { name: courseTitle, level: 1 })).toBeVisible();
    await expect(learner.getByText(cohortName)).toBeVisible();
    await expect(learner.getByText("0 of 2 done")).toBeVisible();
    await expect(learner.getByTestId("continue")).toContainText(lessonTitle);
    await snapPage(learner, "11-learner-course-home");
  });

  await test.step("the learner reads the lesson and the tutor streams an answer that is still there after a reload", async () => {
    await learner.getByTestId("outline-item").filter({ hasText: lessonTitle }).getByRole("link").click();
    await expect(learner.getByRole("heading", { name: lessonTitle, level: 1 })).toBeVisible();
    const lesson = learner.getByRole("article");
    await expect(lesson.getByRole("heading", { name: lessonHeading })).toBeVisible();
    await expect(lesson.locator("strong", { hasText: "how fast" })).toBeVisible();
    await expect(lesson).toContainText("is still changing its velocity");

    const tutor = learner.getByTestId("tutor-panel");
    await expect(tutor.getByTestId("tutor-empty")).toBeVisible();
    const question = "Why is velocity not the same as speed?";
    await tutor.getByTestId("tutor-input").fill(question);
    const streamed = learner.waitForResponse((r) => new URL(r.url()).pathname === "/api/tutor" && r.request().method() === "POST");
    await tutor.getByTestId("tutor-input").press("Enter");
    const response = await streamed;
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("text/event-stream");
    // Many text deltas: the reply was streamed piece by piece, not sent whole.
    const body = await response.text();
    expect(body.match(/"type":"text-delta"/g)?.length ?? 0).toBeGreaterThan(5);

    await expect(tutor.getByTestId("tutor-user-message")).toHaveText(new RegExp(question.replace("?", "\\?")));
    await expect(tutor.getByTestId("tutor-assistant-message")).toContainText(tutorReplyPrefix);
    await expect(tutor.getByTestId("tutor-send")).toBeVisible();
    await snapPage(learner, "12-lesson-with-tutor");

    await learner.reload();
    await expect(tutor.getByTestId("tutor-user-message")).toHaveCount(1);
    await expect(tutor.getByTestId("tutor-user-message")).toContainText(question);
    await expect(tutor.getByTestId("tutor-assistant-message")).toContainText(tutorReplyPrefix);
    await expect(tutor.getByTestId("tutor-empty")).toHaveCount(0);
  });

  await test.step("the learner takes the quiz and sees the objective result, then the AI rubric feedback", async () => {
    await learner.getByRole("navigation", { name: "Course outline" }).getByRole("link", { name: new RegExp(quizTitle) }).click();
    await expect(learner.getByRole("heading", { name: quizTitle, level: 1 })).toBeVisible();
    await expect(learner.getByText("2 questions · 5 points · pass mark 60%")).toBeVisible();
    await snapPage(learner, "13-quiz-start");
    await learner.getByRole("button", { name: "Start quiz" }).click();

    await learner.getByRole("radio", { name: rightChoice }).check();
    await learner.getByRole("textbox", { name: new RegExp(writtenPrompt) }).fill(
      "Velocity is speed with a direction. On the roundabout the car keeps turning, so its direction changes all the time, and with it the velocity.",
    );
    await expect(learner.getByText("2 of 2 answered")).toBeVisible();
    await snapPage(learner, "14-quiz-attempt");
    await learner.getByRole("button", { name: "Hand in answers" }).click();
    const confirm = learner.getByRole("dialog", { name: "Hand in your answers?" });
    await confirm.getByRole("button", { name: "Hand in" }).click();
    await expect(confirm).toBeHidden();

    const results = learner.getByTestId("attempt-results");
    const choiceResult = results.getByTestId("question-result").filter({ hasText: choicePrompt });
    await expect(choiceResult).toContainText("Correct · 1/1");
    // The page polls while the grading workflow runs, and shows the grader's feedback when it is done.
    const writtenResult = results.getByTestId("question-result").filter({ hasText: writtenPrompt });
    await expect(writtenResult.getByText("Rubric feedback")).toBeVisible({ timeout: 45_000 });
    await expect(writtenResult).toContainText(criterionTitle);
    await expect(writtenResult).toContainText("3/4 (pass 2)");
    await expect(writtenResult).toContainText("add one more precise detail to earn full marks");
    await expect(results).toContainText("4/5");
    await expect(results).toContainText("80% · Passed");
    await snapPage(learner, "15-quiz-results-ai-graded");
  });

  await test.step("the server refuses the learner the teacher's pages and procedures", async () => {
    await learner.goto(`/orgs/${shared.orgId}/courses/${shared.courseId}`);
    await expect(learner.getByRole("heading", { name: "Only the course's teachers and admins can edit it", level: 1 })).toBeVisible();
    await expect(learner.getByRole("list", { name: "Modules" })).toHaveCount(0);
    await snapPage(learner, "16-learner-denied-course-editor");

    await learner.goto(`/orgs/${shared.orgId}/cohorts/${shared.cohortId}/review`);
    await expect(learner).toHaveURL(new RegExp(`/cohorts/${shared.cohortId}/learn$`));

    const input = encodeURIComponent(JSON.stringify({ json: { cohortId: shared.cohortId } }));
    const queue = await learner.request.get(`/api/trpc/review.queue?input=${input}`);
    expect(queue.status()).toBe(403);
    const publish = await learner.request.post("/api/trpc/courses.unpublish", { data: { json: { courseId: shared.courseId } } });
    expect(publish.status()).toBe(403);
  });

  await test.step("the teacher overrides the AI grade with a comment from the review queue", async () => {
    await teacher.getByRole("navigation", { name: "Cohort" }).getByRole("link", { name: "Dashboard" }).click();
    await expect(teacher.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
    await expect(teacher.getByText(learnerName).first()).toBeVisible();
    await snapPage(teacher, "17-cohort-dashboard");

    await teacher.getByRole("navigation", { name: "Cohort" }).getByRole("link", { name: "Review" }).click();
    await expect(teacher.getByRole("heading", { name: "Review queue", level: 1 })).toBeVisible();
    await teacher.getByRole("button", { name: "AI-graded" }).click();
    const entry = teacher.getByTestId("review-entry").filter({ hasText: learnerName });
    await expect(entry).toHaveCount(1);
    await expect(entry).toContainText(writtenPrompt);
    await expect(entry.getByLabel("Points")).toHaveText("3 / 4");
    await entry.getByRole("button", { expanded: false }).click();
    const form = entry.getByRole("form", { name: `Score for ${learnerName}` });
    await expect(entry).toContainText("add one more precise detail");
    await form.getByLabel(/^Points/).fill("4");
    await form.getByLabel(/^Comment for the learner/).fill(overrideComment);
    await snapPage(teacher, "18-review-override");
    await form.getByRole("button", { name: "Save override" }).click();
    await expectToast(teacher, "Score saved");

    await teacher.getByRole("button", { name: "Reviewed" }).click();
    const reviewed = teacher.getByTestId("review-entry").filter({ hasText: learnerName });
    await expect(reviewed.getByLabel("Points")).toHaveText("4 / 4");
    await snapPage(teacher, "19-review-reviewed");
  });

  await test.step("the learner sees the new grade and the comment on the quiz and in the notifications", async () => {
    await learner.goto(`/orgs/${shared.orgId}/cohorts/${shared.cohortId}/learn`);
    const bell = learner.getByRole("button", { name: /^Notifications, \d+ unread$/ });
    await expect(bell).toBeVisible();
    await bell.click();
    const notice = learner.getByRole("menuitem", { name: new RegExp(`Graded: ${quizTitle}`) }).filter({ hasText: overrideComment });
    await expect(notice).toBeVisible();
    await snapPage(learner, "20-learner-bell");
    await notice.click();

    await expect(learner).toHaveURL(new RegExp(`/cohorts/${shared.cohortId}/learn/[^/?]+$`));
    await expect(learner.getByRole("heading", { name: quizTitle, level: 1 })).toBeVisible();
    const results = learner.getByTestId("attempt-results");
    await expect(results).toContainText("5/5");
    await expect(results).toContainText("100% · Passed");
    const writtenResult = results.getByTestId("question-result").filter({ hasText: writtenPrompt });
    await expect(writtenResult).toContainText("4/4");
    await expect(writtenResult).toContainText(`Your teacher: ${overrideComment}`);
    await snapPage(learner, "21-learner-results-overridden");

    await learner.goto("/notifications");
    await expect(learner.getByTestId("inbox-list")).toContainText(`Graded: ${quizTitle}`);
    await expect(learner.getByTestId("inbox-list")).toContainText(overrideComment);
    await snapPage(learner, "22-learner-inbox");

    await learner.goto(`/orgs/${shared.orgId}/learn`);
    await expect(learner.getByRole("heading", { name: "My learning", level: 1 })).toBeVisible();
    await expect(learner.getByTestId("my-cohort").filter({ hasText: courseTitle })).toContainText("2 of 2 done");
    await snapPage(learner, "23-learner-my-learning");
  });

  await test.step("the teacher views the course as a learner", async () => {
    await teacher.getByRole("navigation", { name: "Cohort" }).getByRole("link", { name: "View as learner" }).click();
    await expect(teacher).toHaveURL(/\/learn\?preview=1$/);
    await expect(teacher.getByRole("heading", { name: courseTitle, level: 1 })).toBeVisible();
    await snapPage(teacher, "24-teacher-view-as-learner");
  });

  await learnerContext.close();
});
