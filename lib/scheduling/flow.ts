/** Dinic's maximum flow on a small directed graph with integer capacities. */
export class MaxFlow {
  private readonly headOf: number[];
  private readonly to: number[] = [];
  private readonly cap: number[] = [];
  private readonly next: number[] = [];
  private level: Int32Array;
  private iter: Int32Array;

  constructor(readonly nodes: number) {
    this.headOf = new Array<number>(nodes).fill(-1);
    this.level = new Int32Array(nodes);
    this.iter = new Int32Array(nodes);
  }

  addEdge(from: number, to: number, capacity: number): void {
    this.to.push(to, from);
    this.cap.push(capacity, 0);
    this.next.push(this.headOf[from]!, this.headOf[to]!);
    this.headOf[from] = this.to.length - 2;
    this.headOf[to] = this.to.length - 1;
  }

  private bfs(s: number, t: number): boolean {
    this.level.fill(-1);
    const queue = [s];
    this.level[s] = 0;
    for (let i = 0; i < queue.length; i++) {
      const u = queue[i]!;
      for (let e = this.headOf[u]!; e >= 0; e = this.next[e]!) {
        const v = this.to[e]!;
        if (this.cap[e]! > 0 && this.level[v]! < 0) {
          this.level[v] = this.level[u]! + 1;
          queue.push(v);
        }
      }
    }
    return this.level[t]! >= 0;
  }

  private dfs(u: number, t: number, pushed: number): number {
    if (u === t) return pushed;
    for (let e = this.iter[u]!; e >= 0; e = this.next[e]!, this.iter[u] = e) {
      const v = this.to[e]!;
      if (this.cap[e]! > 0 && this.level[v] === this.level[u]! + 1) {
        const got = this.dfs(v, t, Math.min(pushed, this.cap[e]!));
        if (got > 0) {
          this.cap[e]! -= got;
          this.cap[e ^ 1]! += got;
          return got;
        }
      }
    }
    this.iter[u] = -1;
    return 0;
  }

  run(s: number, t: number): number {
    let flow = 0;
    while (this.bfs(s, t)) {
      for (let i = 0; i < this.nodes; i++) this.iter[i] = this.headOf[i]!;
      for (let f = this.dfs(s, t, Infinity); f > 0; f = this.dfs(s, t, Infinity)) flow += f;
    }
    return flow;
  }
}
