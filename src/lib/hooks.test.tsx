/**
 * useQuery and useMutation in a real React tree (react-dom on jsdom), with the call service replaced:
 * a second tap while busy sends nothing; a retry after a network failure reuses the requestId; a stale answer
 * never replaces a newer one; data stays while reloading.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const { JSDOM } = require('jsdom') as { JSDOM: new (html: string) => { window: Window & typeof globalThis } };
const dom = new JSDOM('<!doctype html><div id="root"></div>');
Object.assign(globalThis, { window: dom.window, document: dom.window.document, navigator: dom.window.navigator, IS_REACT_ACT_ENVIRONMENT: true });

type Pending = { fn: string; action: string; input: unknown; requestId?: string; resolve: (r: unknown) => void };
const calls: Pending[] = [];
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {}, useDidShow: () => undefined }));
jest.mock('../services/cloud', () => ({
  call: (fn: string, action: string, input: unknown, options?: { requestId?: string }) =>
    new Promise((resolve) => calls.push({ fn, action, input, requestId: options?.requestId, resolve })),
  newRequestId: (() => {
    let n = 0;
    return () => `req_${String(++n).padStart(6, '0')}`;
  })(),
}));

const React = require('react') as typeof import('react');
const { act } = require('react') as { act: (f: () => unknown) => Promise<void> };
const { createRoot } = require('react-dom/client') as { createRoot: (el: Element) => { render(e: React.ReactElement): void; unmount(): void } };
const { useMutation } = require('./useMutation') as typeof import('./useMutation');
const { useQuery } = require('./useQuery') as typeof import('./useQuery');

async function render(element: React.ReactElement) {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  await act(() => root.render(element));
  return root;
}

beforeEach(() => {
  calls.length = 0;
});

it('useMutation: a second tap while busy sends nothing; a network failure keeps the requestId for the retry', async () => {
  let m: import('./useMutation').Mutation<{ signupId: string }, unknown> | null = null;
  function Probe() {
    m = useMutation('trips', 'cancel');
    return null;
  }
  const root = await render(<Probe />);
  let first: Promise<unknown> = Promise.resolve();
  let second: Promise<unknown> = Promise.resolve();
  await act(async () => {
    first = m!.run({ signupId: 's1' });
    second = m!.run({ signupId: 's1' });
  });
  expect(calls).toHaveLength(1);
  expect(await second).toBeNull();
  expect(m!.busy).toBe(true);
  await act(async () => calls[0].resolve({ ok: false, error: { code: 'network', message: '网络连接失败' } }));
  await first;
  expect(m!.busy).toBe(false);
  await act(async () => void m!.run({ signupId: 's1' }));
  expect(calls[1].requestId).toBe(calls[0].requestId);
  await act(async () => calls[1].resolve({ ok: false, error: { code: 'validation', message: '填写的内容有误', issues: [{ path: ['signupId'], message: '编号格式不正确' }] } }));
  expect(m!.fieldErrors.signupId).toBe('编号格式不正确');
  expect(m!.formError).toBe('填写的内容有误');
  await act(async () => void m!.run({ signupId: 's1' }));
  expect(calls[2].requestId).not.toBe(calls[1].requestId);
  await act(async () => root.unmount());
});

it('useQuery: keeps data while reloading and ignores a stale answer', async () => {
  let q: import('./useQuery').Query<unknown> | null = null;
  function Probe() {
    q = useQuery('trips', 'mySignups', {});
    return null;
  }
  const root = await render(<Probe />);
  expect(q!.status).toBe('loading');
  await act(async () => calls[0].resolve({ ok: true, data: { signups: [] } }));
  expect(q!.status).toBe('ready');
  let slow: Promise<void> = Promise.resolve();
  let fast: Promise<void> = Promise.resolve();
  await act(async () => {
    slow = q!.reload();
  });
  expect(q!.status).toBe('loading');
  expect(q!.data).toEqual({ signups: [] });
  await act(async () => {
    fast = q!.reload();
  });
  await act(async () => calls[2].resolve({ ok: true, data: { signups: ['new'] } }));
  await act(async () => calls[1].resolve({ ok: true, data: { signups: ['old'] } }));
  await slow;
  await fast;
  expect(q!.data).toEqual({ signups: ['new'] });
  await act(async () => root.unmount());
});
