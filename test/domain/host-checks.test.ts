import { describe, expect, test } from 'vitest';
import { HOST_CHECKS, HOST_CHECK_DOCUMENT, fixedHostCheck, hostCheckCommands, splitSections } from '../../source/domain/host-checks.js';

describe('the fixed host-check scripts', () => {
  test('each check is recognised by its exact document and lines, and only by them', () => {
    for (const check of HOST_CHECKS) {
      const lines = hostCheckCommands(check.id);
      expect(fixedHostCheck(HOST_CHECK_DOCUMENT, lines)).toBe(check.id);
      expect(fixedHostCheck('AWS-RunPowerShellScript', lines)).toBeUndefined();
      expect(fixedHostCheck(HOST_CHECK_DOCUMENT, [...lines, 'rm -rf /'])).toBeUndefined();
      expect(fixedHostCheck(HOST_CHECK_DOCUMENT, lines.slice(1))).toBeUndefined();
      expect(fixedHostCheck(HOST_CHECK_DOCUMENT, lines.map((l, i) => (i === 0 ? `${l} ; reboot` : l)))).toBeUndefined();
      expect(fixedHostCheck(HOST_CHECK_DOCUMENT, lines.join('\n'))).toBeUndefined();
    }
  });

  test('no script writes: no redirection into a file, no package, service or power command', () => {
    for (const check of HOST_CHECKS) {
      for (const line of hostCheckCommands(check.id)) {
        // 2>/dev/null is the only redirection allowed.
        expect(line.replace(/2>\/dev\/null/g, '')).not.toMatch(/>/);
        expect(line).not.toMatch(/\b(rm|mv|cp|dd|kill|reboot|shutdown|yum|dnf|apt|systemctl (start|stop|restart)|tee|chmod|chown)\b/);
      }
    }
  });

  test('section keys are unique, so the output splits back into its sections', () => {
    const keys = HOST_CHECKS.flatMap((c) => c.sections.map((s) => s.key));
    expect(new Set(keys).size).toBe(keys.length);
    const out = "### free\n  total used\nMem: 1 2\n### top-mem\nUSER PID\n### oom\n";
    expect(splitSections(out)).toEqual({ free: '  total used\nMem: 1 2', 'top-mem': 'USER PID', oom: '' });
    expect(splitSections('noise before any marker\n')).toEqual({});
  });
});
