// Status checks, "Instance: failed → reboot, check OS logs": 12 minutes before T0 the ML server's kernel oopses
// in XFS writeback and panics ("Kernel panic - not syncing: Fatal exception"). The console ends with the trace;
// the logs and the agent stop; the instance check goes impaired a minute later (EC2 probes once a minute) and
// StatusCheckFailed_Instance reads 1. The host is fine: the system check stays ok. A panicked kernel spins on
// one vCPU (panic's busy-wait loop) while the others halt, so CPUUtilization sits near 50% on the 2-vCPU c5.large.
import { MIN, atSecond, kernelLine, within } from './incident.js';
import type { MetricOverride, ScenarioContext, ScenarioDefinition, ScenarioOverrides } from './types.js';

/** Offsets from T0 (ms). */
export const INSTANCE_CHECK_TIMELINE = { panic: -12 * MIN } as const;

const KERNEL = '6.1.72-96.166.amzn2023.x86_64';

function build({ t0, seed, target }: ScenarioContext): ScenarioOverrides {
  const panicAt = atSecond(t0 + INSTANCE_CHECK_TIMELINE.panic);
  const detected = Math.ceil((panicAt + MIN) / MIN) * MIN;
  const k = (dt: number, text: string) => kernelLine(target, seed, panicAt + dt, text);
  const trace = [
    'BUG: kernel NULL pointer dereference, address: 0000000000000010',
    '#PF: supervisor read access in kernel mode',
    '#PF: error_code(0x0000) - not-present page',
    'PGD 0 P4D 0 ',
    'Oops: 0000 [#1] PREEMPT SMP PTI',
    `CPU: 1 PID: 2741 Comm: kworker/u4:2 Not tainted ${KERNEL} #1`,
    `Hardware name: Amazon EC2 ${target.type}/, BIOS 1.0 10/16/2017`,
    'Workqueue: writeback wb_workfn (flush-259:0)',
    'RIP: 0010:xfs_bmapi_convert_delalloc+0x9a/0x4e0 [xfs]',
    'Code: 48 8b 47 10 48 89 45 c0 48 85 c0 0f 84 8e 03 00 00 44 8b 6f 28 <48> 8b 50 10 4c 8b 70 08',
    'RSP: 0018:ffffb0a1c0f4fb20 EFLAGS: 00010246',
    'RAX: 0000000000000000 RBX: ffff9d3e8a5c2d80 RCX: 0000000000000000',
    'RDX: 0000000000000001 RSI: 0000000000000000 RDI: ffff9d3e8a5c2e00',
    'Call Trace:',
    ' <TASK>',
    ' ? __die+0x23/0x70',
    ' ? page_fault_oops+0x171/0x4e0',
    ' ? exc_page_fault+0x7f/0x180',
    ' ? asm_exc_page_fault+0x26/0x30',
    ' ? xfs_bmapi_convert_delalloc+0x9a/0x4e0 [xfs]',
    ' xfs_map_blocks+0x1b5/0x400 [xfs]',
    ' iomap_do_writepage+0x247/0x860',
    ' write_cache_pages+0x1a8/0x460',
    ' iomap_writepages+0x1c/0x40',
    ' xfs_vm_writepages+0x7a/0xb0 [xfs]',
    ' do_writepages+0xcf/0x1d0',
    ' __writeback_single_inode+0x3d/0x360',
    ' writeback_sb_inodes+0x1ed/0x4a0',
    ' wb_writeback+0xd9/0x2f0',
    ' wb_workfn+0x2a5/0x4f0',
    ' process_one_work+0x1c7/0x380',
    ' worker_thread+0x4d/0x380',
    ' kthread+0xe9/0x110',
    ' ret_from_fork+0x2c/0x50',
    ' </TASK>',
    'Modules linked in: xfs nvme ena crc32c_intel ghash_clmulni_intel sunrpc dm_mod',
    'CR2: 0000000000000010',
    '---[ end trace 0000000000000000 ]---',
    'Kernel panic - not syncing: Fatal exception',
    'Kernel Offset: 0x2a200000 from 0xffffffff81000000 (relocation range: 0xffffffff80000000-0xffffffffbfffffff)',
    '---[ end Kernel panic - not syncing: Fatal exception ]---',
  ];
  // One printk burst: the whole trace within a few milliseconds of the fault, the panic itself last.
  const consoleLines = trace.map((text, i) => k(i < trace.length - 3 ? i : trace.length + 4 * i, text));
  const after = (value: number): MetricOverride => (t, base) => (t >= panicAt ? value : base);
  return {
    status: (base, now) => (now < detected ? base : { ...base, instance: { status: 'impaired', details: [{ name: 'reachability', status: 'failed', impairedSince: detected }] } }),
    metrics: {
      StatusCheckFailed_Instance: (t) => (t >= detected ? 1 : 0),
      CPUUtilization: (t, base) => (t >= panicAt ? 49.6 + 0.8 * ((t / MIN) % 2) : base),
      // Clients keep retrying: a trickle of SYNs still arrives, nothing goes out.
      NetworkIn: (t, base) => (t >= panicAt ? Math.round(base * 0.02) : base),
      NetworkOut: after(0),
      EBSReadBytes: after(0),
      EBSWriteBytes: after(0),
    },
    agentStoppedAt: panicAt,
    silentFrom: panicAt,
    consoleLines: (from, to) => within(consoleLines, from, to),
    app: { traffic: () => 1, isServing: (t) => t < panicAt },
    // Any fresh boot of the kernel ends the panic; the host was never at fault.
    remedy: { reboot: true, stopStart: true, recover: true },
  };
}

/** The ML server's kernel panicked: instance status check impaired, system check ok, the trace on the console. */
export const INSTANCE_CHECK_FAILED_SCENARIO: ScenarioDefinition = {
  name: 'instance-check-failed',
  summary: 'pettracker-ml-server kernel panic 12 min ago: instance status check impaired, trace in the console output',
  build,
};
