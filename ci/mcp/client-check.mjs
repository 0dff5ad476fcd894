// Drives the CloudOps MCP server with the official TypeScript SDK client, as an agent would: over Streamable HTTP
// with the Authorization header, and (when CLOUDOPS_CLI_JAR is set) over stdio through `cloudops mcp`. It lists
// the tools and calls every read-only tool against the demo cluster, asserting that the answers make sense.
// Exits non-zero on the first failed assertion.
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const server = process.env.CLOUDOPS_SERVER;
const token = process.env.CLOUDOPS_TOKEN;
assert.ok(server && token, 'CLOUDOPS_SERVER and CLOUDOPS_TOKEN must be set');

const READ_ONLY = [
  'cluster_scan', 'clusters_list', 'config_validate', 'cost_analyze', 'events_list', 'health_check',
  'performance_analyze', 'pods_log', 'resources_get', 'resources_list', 'resources_monitor', 'security_scan',
];
const ANALYZERS = {
  health_check: 'health', config_validate: 'config', security_scan: 'security',
  resources_monitor: 'resources', performance_analyze: 'performance', cost_analyze: 'cost',
};

function text(result) {
  assert.equal(result.content?.[0]?.type, 'text', 'a tool answers text content');
  return result.content[0].text;
}

async function ok(client, name, args) {
  const result = await client.callTool({ name, arguments: args });
  assert.ok(!result.isError, `${name} ${JSON.stringify(args)} failed: ${text(result)}`);
  return text(result);
}

async function okJson(client, name, args) {
  return JSON.parse(await ok(client, name, args));
}

async function check(client, label) {
  const tools = (await client.listTools()).tools;
  const names = tools.map((t) => t.name).sort();
  assert.deepEqual(names, READ_ONLY, `${label}: by default exactly the read-only tools are advertised`);
  for (const t of tools) {
    assert.ok(t.title && t.description, `${t.name} has a title and a description`);
    assert.equal(t.inputSchema.type, 'object');
    assert.equal(t.annotations.readOnlyHint, true, `${t.name} is read-only`);
    assert.equal(t.annotations.destructiveHint, false, `${t.name} is not destructive`);
  }

  const clusters = (await okJson(client, 'clusters_list', {})).clusters;
  const demo = clusters.find((c) => c.simulated);
  assert.ok(demo, `clusters_list has the simulated demo cluster: ${JSON.stringify(clusters)}`);
  const cluster = demo.name;

  const pods = await okJson(client, 'resources_list', { cluster, kind: 'pods', namespace: 'shop' });
  assert.ok(pods.count > 0, 'the demo namespace shop has pods');
  const running = pods.items.find((p) => p.phase === 'Running');
  assert.ok(running, `shop has a running pod: ${JSON.stringify(pods.items.map((p) => [p.name, p.phase]))}`);
  const pod = await okJson(client, 'resources_get', { cluster, kind: 'Pod', namespace: 'shop', name: running.name });
  assert.equal(pod.metadata.name, running.name);
  const container = pod.spec.containers[0].name;

  const nodes = await okJson(client, 'resources_list', { cluster, kind: 'nodes', fields: ['metadata.name'] });
  assert.ok(nodes.count > 0, 'the demo cluster has nodes');

  const events = await okJson(client, 'events_list', { cluster, namespace: 'shop', limit: 20 });
  assert.ok(Array.isArray(events.events), 'events_list answers a list');

  const log = await ok(client, 'pods_log', { cluster, namespace: 'shop', pod: running.name, container, tail: 5 });
  assert.ok(log.trim().split('\n').length >= 1 && log.trim().length > 0, `the demo pod serves a log: ${log}`);
  const grep = await ok(client, 'pods_log', {
    cluster, namespace: 'shop', pod: running.name, container, grep: '.', tail: 3,
  });
  assert.match(grep, /lines matched/);

  const scan = await okJson(client, 'cluster_scan', { cluster, namespace: 'shop' });
  assert.ok(scan.scores && typeof scan.objectsExamined === 'number', 'cluster_scan answers scores');
  const installed = scan.analyzers;

  for (const [tool, analyzer] of Object.entries(ANALYZERS)) {
    const result = await client.callTool({ name: tool, arguments: { cluster } });
    if (installed.includes(analyzer)) {
      assert.ok(!result.isError, `${tool} failed: ${text(result)}`);
      const answer = JSON.parse(text(result));
      assert.deepEqual(answer.analyzers, [analyzer]);
      if (tool === 'health_check') {
        assert.match(text(result), /CrashLoopBackOff/, 'health_check reports the crash-looping demo pod');
      }
    } else {
      assert.ok(result.isError, `${tool} without the ${analyzer} analyzer is a tool error`);
      assert.match(text(result), /analyzer-unavailable/);
      console.log(`${label}: ${tool}: the ${analyzer} analyzer is not installed on this server (tool error, as designed)`);
    }
  }

  const manifest = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: ci}\n'
    + 'spec: {selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}},'
    + ' spec: {containers: [{name: web, image: "nginx:latest"}]}}}\n';
  const offline = await client.callTool({ name: 'config_validate', arguments: { manifest } });
  if (installed.includes('config')) {
    assert.ok(!offline.isError, text(offline));
    assert.ok(JSON.parse(text(offline)).findings.length > 0, 'an unchecked Deployment has config findings');
  }
  const notYaml = await client.callTool({ name: 'config_validate', arguments: { manifest: 'kind: [unclosed' } });
  assert.ok(notYaml.isError, 'a manifest that is not YAML is a tool error');

  const bad = await client.callTool({ name: 'resources_list', arguments: { cluster } });
  assert.ok(bad.isError && /invalid-arguments/.test(text(bad)), 'a schema violation is a tool error');
  await assert.rejects(client.callTool({ name: 'no_such_tool', arguments: {} }), /Unknown tool|not found/i);
  console.log(`${label}: ${tools.length} tools listed, every read-only tool called: OK`);
}

async function overHttp() {
  const client = new Client({ name: 'cloudops-ci', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL('/mcp', server), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);
  assert.equal(client.getServerVersion().name, 'cloudops');
  try {
    await check(client, 'Streamable HTTP');
  } finally {
    await client.close();
  }
  const anonymous = new Client({ name: 'cloudops-ci-anonymous', version: '1.0.0' });
  await assert.rejects(
    anonymous.connect(new StreamableHTTPClientTransport(new URL('/mcp', server))),
    /401|Unauthorized/i,
    'without a token the server answers 401',
  );
}

async function overStdio() {
  const jar = process.env.CLOUDOPS_CLI_JAR;
  if (!jar) {
    console.log('stdio: CLOUDOPS_CLI_JAR not set, skipped');
    return;
  }
  const client = new Client({ name: 'cloudops-ci-stdio', version: '1.0.0' });
  const transport = new StdioClientTransport({
    command: 'java',
    args: ['-jar', jar, 'mcp'],
    env: { ...process.env, CLOUDOPS_SERVER: server, CLOUDOPS_TOKEN: token, CLOUDOPS_CONFIG_DIR: process.env.TMPDIR ?? '/tmp' },
    stderr: 'inherit',
  });
  await client.connect(transport);
  try {
    await check(client, 'stdio (cloudops mcp)');
  } finally {
    await client.close();
  }
}

await overHttp();
await overStdio();
console.log('MCP client check passed');
