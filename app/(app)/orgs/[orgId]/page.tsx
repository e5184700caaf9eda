import {
  ArrowRightIcon,
  BookOpenIcon,
  CircleCheckIcon,
  CircleIcon,
  FolderTreeIcon,
  Link2Icon,
  ScrollTextIcon,
  UserPlusIcon,
  UsersIcon,
} from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { loadOrgAccess } from "./admin/_lib/org-access";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { flattenTree } from "@/lib/org/tree";
import { roleLabels, type Role } from "@/lib/schemas/roles";
import { myLearningInput } from "@/components/learn/my-learning-input";
import { MyLearningList } from "@/components/learn/my-learning-list";
import { getQueryClient, HydrateClient, serverCaller, trpc } from "@/server/api/rsc";
import type { UnitTreeNode } from "@/server/services/units";

export async function generateMetadata({ params }: { params: Promise<{ orgId: string }> }): Promise<Metadata> {
  const { orgId } = await params;
  const { org } = await loadOrgAccess(orgId);
  return { title: org.name };
}

/** Counts from one page of a list: "37", or "100+" when there is more. */
function countLabel(count: number, more: boolean): string {
  return more ? `${count}+` : String(count);
}

interface MyUnit {
  id: string;
  role: Role;
  name: string;
  trail: string;
  memberCount: number;
}

function myUnits(forest: readonly UnitTreeNode[], memberships: readonly { unitId: string; role: Role }[]): MyUnit[] {
  const trails = new Map<string, { node: UnitTreeNode; trail: string }>();
  const visit = (nodes: readonly UnitTreeNode[], above: string[]) => {
    for (const node of nodes) {
      const path = [...above, node.name];
      trails.set(node.id, { node, trail: path.join(" › ") });
      visit(node.children, path);
    }
  };
  visit(forest, []);
  return memberships.flatMap((m) => {
    const found = trails.get(m.unitId);
    return found ? [{ id: m.unitId, role: m.role, name: found.node.name, trail: found.trail, memberCount: found.node.memberCount }] : [];
  });
}

function StatCard({ label, value, caption, href, icon }: { label: string; value: string; caption: string; href: string; icon: ReactNode }) {
  return (
    <Link
      href={href}
      className="group min-w-0 rounded-xl border bg-card p-3 shadow-sm sm:p-4 transition-colors hover:bg-accent focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
    >
      <div className="flex items-start justify-between gap-1 text-sm text-muted-foreground">
        <span className="leading-tight">{label}</span>
        <span aria-hidden="true" className="hidden sm:inline [&_svg]:size-4">
          {icon}
        </span>
      </div>
      <p className="mt-2 text-2xl font-semibold tabular-nums sm:text-3xl">{value}</p>
      <p className="mt-1 hidden items-center gap-1 text-xs text-muted-foreground sm:flex">
        {caption}
        <ArrowRightIcon aria-hidden="true" className="size-3 transition-transform group-hover:translate-x-0.5" />
      </p>
    </Link>
  );
}

function ChecklistItem({ done, title, children, href, linkLabel }: { done: boolean; title: string; children: ReactNode; href: string; linkLabel: string }) {
  return (
    <li className="flex gap-3 py-3">
      {done ? (
        <CircleCheckIcon aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-success" />
      ) : (
        <CircleIcon aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-muted-foreground" />
      )}
      <div className="min-w-0 flex-1 space-y-1">
        <p className="font-medium">
          {title}
          <span className="sr-only">{done ? " (done)" : " (to do)"}</span>
        </p>
        <p className="text-sm text-muted-foreground">{children}</p>
        {done ? null : (
          <Link href={href} className="inline-flex items-center gap-1 text-sm font-medium text-primary underline-offset-4 hover:underline">
            {linkLabel} <ArrowRightIcon aria-hidden="true" className="size-3" />
          </Link>
        )}
      </div>
      {done ? (
        <Badge variant="success" aria-hidden="true" className="h-fit">
          Done
        </Badge>
      ) : null}
    </li>
  );
}

function UnitList({ units, emptyText }: { units: MyUnit[]; emptyText: string }) {
  if (units.length === 0) return <p className="text-sm text-muted-foreground">{emptyText}</p>;
  return (
    <ul className="divide-y rounded-lg border">
      {units.map((u) => (
        <li key={`${u.id}-${u.role}`} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2.5">
          <div className="min-w-0">
            <p className="font-medium break-words">{u.name}</p>
            {u.trail !== u.name ? <p className="text-xs break-words text-muted-foreground">{u.trail}</p> : null}
          </div>
          <div className="flex items-center gap-2 text-xs text-muted-foreground">
            <span>
              {u.memberCount} {u.memberCount === 1 ? "person" : "people"}
            </span>
            <Badge variant="outline">{roleLabels[u.role]}</Badge>
          </div>
        </li>
      ))}
    </ul>
  );
}

export default async function OrgHomePage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const access = await loadOrgAccess(orgId);
  const { org, actor } = access;
  const caller = await serverCaller();
  const base = `/orgs/${org.id}`;

  const memberships = actor.memberships.filter((m) => m.orgId === org.id);
  // The most powerful role decides the page; a system admin without a role here sees the admin view.
  const view = access.isAdmin ? "admin" : access.isTeacher ? "teacher" : "member";

  // Only what this view shows is loaded: one page of each list, never a full count.
  const [forest, people, teachers, students, invites] = await Promise.all([
    caller.units.tree({ orgId: org.id }),
    view === "admin" ? caller.members.list({ orgId: org.id, take: 100 }) : null,
    view === "admin" ? caller.members.list({ orgId: org.id, role: "teacher", take: 1 }) : null,
    view === "admin" ? caller.members.list({ orgId: org.id, role: "student", take: 1 }) : null,
    view === "admin" ? caller.invites.list({ orgId: org.id, status: "active", take: 100 }) : null,
  ]);
  const units = myUnits(forest, memberships);
  // Members see their cohorts on the home page: awaited so the cards render with it.
  if (view === "member") {
    await getQueryClient().prefetchInfiniteQuery(trpc.cohorts.mine.infiniteQueryOptions(myLearningInput(org.id), { getNextPageParam: (page) => page.nextCursor }));
  }
  const unitCount = flattenTree(forest).length;

  const roleBadges = access.roles.map((r) => (
    <Badge key={r} variant={r === "org_admin" ? "default" : "secondary"}>
      {roleLabels[r]}
    </Badge>
  ));
  if (access.isSystemAdmin) roleBadges.push(<Badge key="system" variant="outline">System admin</Badge>);

  return (
    <div className="space-y-8">
      <header className="space-y-3">
        <h1 className="text-2xl font-semibold tracking-tight break-words sm:text-3xl">{org.name}</h1>
        <div className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
          <span>Your roles:</span>
          {roleBadges.length > 0 ? roleBadges : <span>none</span>}
        </div>
      </header>

      {view === "admin" && people && teachers && students && invites ? (
        <>
          <section aria-labelledby="overview-heading" className="space-y-3">
            <h2 id="overview-heading" className="text-lg font-semibold">
              Overview
            </h2>
            <div className="grid grid-cols-3 gap-2 sm:gap-3">
              <StatCard
                label="Units"
                value={String(unitCount)}
                caption="Manage the tree"
                href={`${base}/admin/units`}
                icon={<FolderTreeIcon />}
              />
              <StatCard
                label="People"
                value={countLabel(new Set(people.items.map((p) => p.userId)).size, people.nextCursor !== null)}
                caption="Roles and units"
                href={`${base}/admin/people`}
                icon={<UsersIcon />}
              />
              <StatCard
                label="Active invites"
                value={countLabel(invites.items.length, invites.nextCursor !== null)}
                caption="Create and revoke"
                href={`${base}/admin/invites`}
                icon={<Link2Icon />}
              />
            </div>
            <p className="text-sm">
              <Link href={`${base}/admin/audit`} className="inline-flex items-center gap-1.5 font-medium text-primary underline-offset-4 hover:underline">
                <ScrollTextIcon aria-hidden="true" className="size-4" /> See who changed what in the audit log
              </Link>
            </p>
          </section>

          <Card>
            <CardHeader>
              <CardTitle asChild>
                <h2 className="text-lg">Getting started</h2>
              </CardTitle>
              <CardDescription>Three steps to bring {org.name} onto Lyceum.</CardDescription>
            </CardHeader>
            <CardContent>
              <ol className="divide-y">
                <ChecklistItem
                  done={unitCount > 1}
                  title="Add your units"
                  href={`${base}/admin/units`}
                  linkLabel="Add units"
                >
                  Build the tree under {forest[0]?.name ?? org.name}: schools or campuses, departments, classes or cohorts. Roles apply to a unit and everything below it.
                </ChecklistItem>
                <ChecklistItem
                  done={teachers.items.length > 0}
                  title="Invite your teachers"
                  href={`${base}/admin/invites`}
                  linkLabel="Invite teachers"
                >
                  Create a teacher invite for each department or class. Teachers can then invite their own students.
                </ChecklistItem>
                <ChecklistItem
                  done={students.items.length > 0}
                  title="Bring in students"
                  href={`${base}/admin/invites`}
                  linkLabel="Invite students"
                >
                  Share a student invite link with a class, or let teachers do it from their own Invites page.
                </ChecklistItem>
              </ol>
            </CardContent>
          </Card>

          <section aria-labelledby="my-units-heading" className="space-y-3">
            <h2 id="my-units-heading" className="text-lg font-semibold">
              Where you hold roles
            </h2>
            <UnitList
              units={units}
              emptyText={access.isSystemAdmin ? "You hold no role here; as a system admin you can still manage everything." : "You hold no role in an active unit."}
            />
          </section>
        </>
      ) : view === "teacher" ? (
        <>
          <Card>
            <CardHeader>
              <CardTitle asChild>
                <h2 className="text-lg">Invite students</h2>
              </CardTitle>
              <CardDescription>
                Create a link for a whole class or an invite for one email address. Students join the unit you choose.
              </CardDescription>
            </CardHeader>
            <CardContent className="flex flex-wrap gap-2">
              <Button asChild>
                <Link href={`${base}/admin/invites`}>
                  <UserPlusIcon aria-hidden="true" /> Invite students
                </Link>
              </Button>
              <Button asChild variant="outline">
                <Link href={`${base}/admin/people`}>
                  <UsersIcon aria-hidden="true" /> See your people
                </Link>
              </Button>
            </CardContent>
          </Card>
          <section aria-labelledby="my-units-heading" className="space-y-3">
            <h2 id="my-units-heading" className="text-lg font-semibold">
              Your units
            </h2>
            <UnitList units={units} emptyText="You hold no role in an active unit." />
          </section>
          <Card>
            <CardHeader>
              <CardTitle asChild>
                <h2 className="flex items-center gap-2 text-lg">
                  <BookOpenIcon aria-hidden="true" className="size-5" /> Courses
                </h2>
              </CardTitle>
              <CardDescription>
                Write lessons, quizzes and assignments, open a cohort with a start date and drip release, and follow your learners on its dashboard.
              </CardDescription>
            </CardHeader>
            <CardContent className="flex flex-wrap gap-2">
              <Button asChild>
                <Link href={`${base}/courses`}>
                  <BookOpenIcon aria-hidden="true" /> Open your courses
                </Link>
              </Button>
            </CardContent>
          </Card>
        </>
      ) : (
        <>
          <section aria-labelledby="my-units-heading" className="space-y-3">
            <h2 id="my-units-heading" className="text-lg font-semibold">
              Your units
            </h2>
            <UnitList units={units} emptyText="You hold no role in an active unit. Ask an org admin if that looks wrong." />
            {access.isFacilitator ? (
              <Button asChild variant="outline" size="sm">
                <Link href={`${base}/admin/people`}>
                  <UsersIcon aria-hidden="true" /> See the people in your units
                </Link>
              </Button>
            ) : null}
          </section>
          <section aria-labelledby="my-learning-heading" className="space-y-3">
            <h2 id="my-learning-heading" className="text-lg font-semibold">
              Your learning
            </h2>
            <HydrateClient>
              <MyLearningList orgId={org.id} />
            </HydrateClient>
          </section>
        </>
      )}
    </div>
  );
}
