import { test } from "node:test";
import * as assert from "node:assert/strict";
import {
  GRAPH_PAGE_COMMAND,
  graphTitle,
  parseGraphPage,
  parseGraphTarget,
  parseLocations,
  showGraphPage,
  type GraphEffects,
} from "../graph";

const PAGE = {
  path: "/ws/.graphwarden/graph.html",
  uri: "file:///ws/.graphwarden/graph.html#focus=app.core.service",
  module: "app.core.service",
  pathId: null,
};

function fakeEffects(answer: unknown, files: Record<string, string> = { [PAGE.path]: "<html>page</html>" }) {
  const log: string[] = [];
  const requests: { command: string; args: unknown[] }[] = [];
  const fx: GraphEffects = {
    request: async (command, args) => {
      requests.push({ command, args });
      if (answer instanceof Error) throw answer;
      return answer;
    },
    readFile: (path) => {
      if (!(path in files)) throw new Error(`ENOENT: ${path}`);
      return files[path];
    },
    show: (title, html) => void log.push(`show ${title}: ${html}`),
    error: (message) => void log.push(`error ${message}`),
  };
  return { fx, log, requests };
}

test("Show Graph asks the server for the page of the active module and shows it", async () => {
  const { fx, log, requests } = fakeEffects(PAGE);
  const shown = await showGraphPage(fx, "file:///ws/app/core/service.py");
  assert.deepEqual(requests, [{ command: GRAPH_PAGE_COMMAND, args: ["file:///ws/app/core/service.py", {}] }]);
  assert.deepEqual(log, ["show graphwarden: app.core.service: <html>page</html>"]);
  assert.equal(shown?.module, "app.core.service");
});

test("Show Graph without an editor asks for the whole graph", async () => {
  const { fx, log, requests } = fakeEffects({ ...PAGE, module: null, uri: "file:///ws/.graphwarden/graph.html" });
  await showGraphPage(fx, undefined);
  assert.deepEqual(requests[0].args, [null, {}]);
  assert.deepEqual(log, ["show graphwarden: module graph: <html>page</html>"]);
});

test("the chain of a code action opens the page on that chain", async () => {
  const { fx, log, requests } = fakeEffects({ ...PAGE, pathId: "abc" });
  const target = parseGraphTarget({ fingerprint: "abc", module: "app.core.service", junk: 1 });
  await showGraphPage(fx, "file:///ws/app/core/service.py", target);
  assert.deepEqual(requests[0].args, ["file:///ws/app/core/service.py", { fingerprint: "abc", module: "app.core.service" }]);
  assert.deepEqual(log, ["show graphwarden: chain: <html>page</html>"]);
});

test("failures are reported, never thrown", async () => {
  let { fx, log } = fakeEffects(new Error("no graph yet"));
  assert.equal(await showGraphPage(fx, undefined), undefined);
  assert.deepEqual(log, ["error graphwarden: cannot draw the graph: no graph yet"]);
  ({ fx, log } = fakeEffects({ nonsense: true }));
  assert.equal(await showGraphPage(fx, undefined), undefined);
  assert.deepEqual(log, ["error graphwarden: the server answered no graph page."]);
  ({ fx, log } = fakeEffects(PAGE, {}));
  assert.equal(await showGraphPage(fx, undefined), undefined);
  assert.match(log[0], /^error graphwarden: cannot read \/ws\/.graphwarden\/graph.html: ENOENT/);
});

test("answers are checked", () => {
  assert.equal(parseGraphPage(null), undefined);
  assert.equal(parseGraphPage({ path: 1, uri: "x" }), undefined);
  assert.deepEqual(parseGraphPage({ path: "p", uri: "u" }), { path: "p", uri: "u", module: null, pathId: null });
  assert.deepEqual(parseGraphTarget("x"), {});
  assert.equal(graphTitle({ ...PAGE, module: null }), "graphwarden: module graph");
  const range = { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } };
  assert.deepEqual(parseLocations([{ uri: "file:///a.py", range }, { uri: 3, range }, null]), [
    { uri: "file:///a.py", range },
  ]);
  assert.deepEqual(parseLocations({}), []);
});
