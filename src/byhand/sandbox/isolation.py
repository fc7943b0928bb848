"""Linux isolation primitives, done directly with system calls.

Why not bubblewrap or nsjail: a zygote must fork a *warm* Python process that
has already imported NumPy; an external launcher would exec a fresh
interpreter per submission (about 150 ms) and defeat the pool.  So the zygote
builds a filesystem view once (:func:`enter_view`) and each forked child
confines itself (:func:`confine_child`) with the same kernel features those
tools use: namespaces, ``pivot_root``, rlimits, an unprivileged uid,
``PR_SET_NO_NEW_PRIVS`` and a seccomp filter.  Python 3.11 has no
``os.unshare``, hence ctypes.

Every function here either succeeds or raises ``OSError``; callers decide
whether a missing layer is fatal (a server) or only reported (a laptop).
"""

from __future__ import annotations

import ctypes
import os
import platform
import resource
import struct
import sys
from pathlib import Path

# The names of the protections, as reported by SandboxPool.protections and
# `byhand doctor`.  FULL is what a multi-user server requires.
SEPARATE_PROCESS = "separate-process"  # forked from a zygote that never loads references
WALL_CLOCK = "wall-clock-limit"
CPU_TIME = "cpu-time-limit"
ADDRESS_SPACE = "address-space-limit"
FILE_SIZE = "file-size-limit"
PROCESS_COUNT = "process-limit"
OPEN_FILES = "open-files-limit"
OUTPUT_CAP = "output-cap"
SCRUBBED_ENV = "scrubbed-environment"
CLOSED_FDS = "closed-file-descriptors"
SCRATCH = "private-scratch-tmpfs"
NETWORK = "network-namespace"
FS_VIEW = "filesystem-view"
UNPRIVILEGED_UID = "unprivileged-uid"
NO_NEW_PRIVS = "no-new-privileges"
SECCOMP = "seccomp-filter"
SOCKET_FAMILIES = "unix-sockets-only"  # seccomp: socket() of any family but AF_UNIX fails (vsock, netlink...)
NO_SHARED_MEMORY = "no-ipc-or-shared-memory"  # seccomp: SysV IPC, POSIX mqueues and memfd fail
PID_NS = "pid-namespace"  # the zygote is init of its own: its death kills every child
IPC_NS = "ipc-namespace"
UTS_NS = "uts-namespace"
UNIQUE_UIDS = "host-unique-uids"  # a uid slot is never shared by two live workers on the host
BOUNDED_TRUSTED_SIDE = "bounded-trusted-side"  # strict decoder, caps on what is read and shown

ALWAYS = (SEPARATE_PROCESS, WALL_CLOCK, CPU_TIME, ADDRESS_SPACE, FILE_SIZE, PROCESS_COUNT,
          OPEN_FILES, OUTPUT_CAP, SCRUBBED_ENV, CLOSED_FDS, UNIQUE_UIDS, BOUNDED_TRUSTED_SIDE)
FULL = ALWAYS + (SCRATCH, NETWORK, FS_VIEW, UNPRIVILEGED_UID, NO_NEW_PRIVS, SECCOMP,
                 SOCKET_FAMILIES, NO_SHARED_MEMORY, PID_NS, IPC_NS, UTS_NS)

CLONE_NEWNS = 0x00020000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV = 1, 2, 4
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
MNT_DETACH = 2
PR_SET_PDEATHSIG, PR_SET_NAME, PR_SET_SECCOMP, PR_SET_NO_NEW_PRIVS = 1, 15, 22, 38
SECCOMP_MODE_FILTER = 2

_libc = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None
_SYS_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41}.get(platform.machine())


def _check(ret: int, what: str) -> None:
    if ret != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _b(s: str | None) -> bytes | None:
    return None if s is None else os.fsencode(s)


def unshare(flags: int) -> None:
    if _libc is None:
        raise OSError(0, "unshare: not Linux")
    _check(_libc.unshare(ctypes.c_int(flags)), "unshare")


def mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    if _libc is None:
        raise OSError(0, "mount: not Linux")
    _check(_libc.mount(_b(source), _b(target), _b(fstype), ctypes.c_ulong(flags), _b(data)),
           f"mount {target}")


def sethostname(name: str) -> None:
    if _libc is None:
        raise OSError(0, "sethostname: not Linux")
    raw = name.encode()
    _check(_libc.sethostname(raw, ctypes.c_size_t(len(raw))), "sethostname")


_names: list = []  # keeps the buffers passed to PR_SET_NAME alive


def name_arg(name: bytes) -> int:
    """The address of a NUL-terminated copy of ``name`` (for PR_SET_NAME)."""
    buf = ctypes.create_string_buffer(name[:15])
    _names.append(buf)
    return ctypes.addressof(buf)


def prctl(option: int, arg2: int = 0) -> None:
    if _libc is None:
        raise OSError(0, "prctl: not Linux")
    _check(_libc.prctl(option, ctypes.c_ulong(arg2), ctypes.c_ulong(0), ctypes.c_ulong(0),
                       ctypes.c_ulong(0)), f"prctl {option}")


def _bind_ro(src: str, dst: str, *, devices: bool = False) -> None:
    mount(src, dst, None, MS_BIND)
    # A bind mount ignores MS_RDONLY on creation: it takes a second, remount, call.
    mount(None, dst, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | (0 if devices else MS_NODEV))


# --- the zygote's view of the filesystem --------------------------------------

def exposed_paths(packages: list[str]) -> list[str]:
    """What a submission may see: shared libraries, the standard library, and
    the directories of the given third-party packages (with
    their bundled ``.libs`` folders).  Nothing under /work, /home, /root or
    /etc, except the Python prefix's own library folders."""
    import sysconfig

    paths = ["/usr/lib", "/usr/lib64", "/usr/lib32", "/etc/ld.so.cache"]
    stdlib = sysconfig.get_paths()["stdlib"]
    paths += [stdlib, sysconfig.get_paths()["platstdlib"], os.path.join(stdlib, "lib-dynload")]
    import importlib.util

    for name in packages:
        spec = importlib.util.find_spec(name)  # located, not imported
        if spec is None or not spec.origin:
            continue
        pkg = Path(spec.origin).resolve().parent
        paths.append(str(pkg))
        libs = pkg.parent / f"{name}.libs"
        if libs.is_dir():
            paths.append(str(libs))
    out = []
    for p in paths:
        real = os.path.realpath(p)
        if os.path.exists(real) and real not in out:
            out.append(real)
    return out


def _site_dirs(bound: list[str] | None = None) -> list[str]:
    """Every folder of installed packages that may lie inside an exposed one:
    this environment's, the base interpreter's (a venv's base keeps its own
    site-packages inside its standard library) and the system's
    (Debian's /usr/lib/python3/dist-packages)."""
    import glob
    import site
    import sysconfig

    dirs = list(site.getsitepackages()) + [site.getusersitepackages()]
    dirs += [sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]
    for prefix in {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix, "/usr", "/usr/local"}:
        dirs += glob.glob(os.path.join(prefix, "lib*", "python3*", "*-packages"))
    for folder in bound or ():
        dirs += glob.glob(os.path.join(folder, "*-packages"))
        dirs += glob.glob(os.path.join(folder, "python3*", "*-packages"))
    return sorted({os.path.realpath(d) for d in dirs
                   if os.path.isdir(d) and os.path.basename(d) in ("site-packages", "dist-packages")})


def _inside(path: str, folder: str) -> bool:
    return path.startswith(folder.rstrip("/") + "/")


STAGING_CANDIDATES = ("/tmp", "/mnt", "/media", "/srv", "/var/tmp", "/run", "/dev/shm")


def staging_root(paths: list[str]) -> str:
    """An existing folder to build the new root in: the tmpfs mounted there
    hides what the folder held, so it must hold none of the exposed paths (a
    virtual environment under /tmp, say)."""
    for folder in STAGING_CANDIDATES:
        if os.path.isdir(folder) and not os.path.islink(folder) and not any(
                p == folder or _inside(p, folder) for p in paths):
            return folder
    raise OSError(0, "no folder to build the sandbox's view in: every candidate holds exposed paths")


def scratch_point(paths: list[str]) -> str:
    """Where each child mounts its scratch tmpfs: /tmp, unless exposed paths
    live there (a virtual environment under /tmp), which the mount would hide."""
    return "/scratch" if any(p == "/tmp" or _inside(p, "/tmp") for p in paths) else "/tmp"


def enter_view(packages: list[str], hidden: list[str], root: str | None = None) -> None:
    """Replace this process's filesystem with a minimal read-only view.

    Runs once in the zygote (as root): a private mount namespace, a small
    tmpfs as the new root with read-only bind mounts of :func:`exposed_paths`,
    an empty ``/tmp`` mount point for each child's scratch tmpfs, and then
    ``pivot_root`` with the old root detached, so that even root inside cannot
    reach the host's files again (a plain chroot can be escaped by root).

    site-packages usually lies inside the standard library's folder: it is
    covered by an empty tmpfs into which only the given packages are bound,
    so that no other installed package (or byhand's own curriculum) shows.
    ``hidden`` are further paths that, if they still lie inside an exposed
    folder, are covered by an empty read-only tmpfs.
    """
    if _SYS_PIVOT_ROOT is None:
        raise OSError(0, f"pivot_root: unknown architecture {platform.machine()}")
    paths = sorted(exposed_paths(packages), key=len)  # a folder before what lies inside it
    root = root or staging_root(paths)
    unshare(CLONE_NEWNS)
    mount(None, "/", None, MS_REC | MS_PRIVATE)  # nothing we mount leaks back to the host
    mount("tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV, "size=4m,mode=0755")
    for link in ("/lib", "/lib64", "/lib32"):  # the usual symlinks (/lib -> usr/lib)
        if os.path.islink(link):
            os.symlink(os.readlink(link), root + link)
    for d in ("/dev", "/tmp", "/scratch", "/.old"):
        os.makedirs(root + d, mode=0o755, exist_ok=True)
    for dev in ("null", "zero", "urandom"):
        open(f"{root}/dev/{dev}", "w").close()
        mount(f"/dev/{dev}", f"{root}/dev/{dev}", None, MS_BIND)

    bound: list[str] = []
    covers: list[str] = []
    sites = _site_dirs(paths)

    def cover_sites() -> None:
        for site_dir in sites:
            if site_dir not in covers and any(_inside(site_dir, b) for b in bound):
                mount("tmpfs", root + site_dir, "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=0755")
                covers.append(site_dir)

    for p in paths:
        cover_sites()
        dst = root + p
        if os.path.isdir(p):
            os.makedirs(dst, exist_ok=True)
        else:
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            open(dst, "w").close()
        _bind_ro(p, dst)
        bound.append(p)
    cover_sites()
    for c in covers:
        mount(None, root + c, None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)
    for h in hidden:
        h = os.path.realpath(h)
        if os.path.isdir(h) and any(h == p or _inside(h, p) for p in bound):
            mount("tmpfs", root + h, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV, "size=4k,mode=0555")
    ret = _libc.syscall(ctypes.c_long(_SYS_PIVOT_ROOT), _b(root), _b(root + "/.old"))
    _check(ret, "pivot_root")
    os.chdir("/")
    _check(_libc.umount2(b"/.old", ctypes.c_int(MNT_DETACH)), "umount old root")
    os.rmdir("/.old")
    mount(None, "/", None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)


# --- each child ----------------------------------------------------------------

def isolate_network_and_scratch(uid: int, gid: int, scratch_bytes: int, where: str = "/tmp",
                                new_net: bool = True) -> None:
    """A new network namespace (only a loopback, which is down) unless the
    zygote already left the host's (``new_net=False``), and a new mount
    namespace whose ``where`` (/tmp, see :func:`scratch_point`) is a fresh
    size-capped tmpfs owned by the child's uid: it disappears with the child,
    so nothing written there reaches the next submission."""
    unshare(CLONE_NEWNS | (CLONE_NEWNET if new_net else 0))
    mount("tmpfs", where, "tmpfs", MS_NOSUID | MS_NODEV,
          f"size={scratch_bytes},nr_inodes=256,mode=0700,uid={uid},gid={gid}")


def set_limits(*, cpu_seconds: int, address_space: int, file_size: int, open_files: int) -> None:
    """rlimits; RLIMIT_NPROC = 1 means the uid (unique to this worker) can have
    no second process or thread: no fork bomb, no helper outliving the kill."""
    limits = [(resource.RLIMIT_CPU, cpu_seconds), (resource.RLIMIT_AS, address_space),
              (resource.RLIMIT_FSIZE, file_size), (resource.RLIMIT_NOFILE, open_files),
              (resource.RLIMIT_CORE, 0), (resource.RLIMIT_NPROC, 1)]
    for which, value in limits:
        resource.setrlimit(which, (value, value))


def close_fds(keep: tuple[int, ...]) -> None:
    """stdin/stdout/stderr become /dev/null (whatever the learner writes to
    fd 1 goes nowhere); every other inherited descriptor is closed."""
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        if fd not in keep:
            os.dup2(null, fd)
    os.close(null)
    low = 3
    for fd in sorted(keep):
        if fd >= low:
            os.closerange(low, fd)
            low = fd + 1
    os.closerange(low, 1 << 16)


def drop_privileges(uid: int, gid: int) -> None:
    os.setgroups([])
    os.setgid(gid)
    os.setuid(uid)
    if os.getuid() == 0 or os.geteuid() == 0:  # never run learner code as root by accident
        raise OSError(1, "could not drop root")


# --- seccomp ---------------------------------------------------------------------

# x86_64 numbers of system calls a NumPy submission never needs and that widen
# the kernel's attack surface: namespaces, mounts, tracing other processes,
# keyrings, BPF, kernel modules, io_uring; and every way to make memory or a
# kernel object that outlives the child or escapes its address-space limit
# (System V IPC, POSIX message queues, memfd).
_DENY_X86_64 = {
    101: "ptrace", 310: "process_vm_readv", 311: "process_vm_writev", 312: "kcmp",
    166: "umount2", 155: "pivot_root", 161: "chroot", 308: "setns",
    321: "bpf", 298: "perf_event_open", 248: "add_key", 249: "request_key", 250: "keyctl",
    246: "kexec_load", 320: "kexec_file_load", 175: "init_module", 313: "finit_module",
    176: "delete_module", 169: "reboot", 167: "swapon", 168: "swapoff", 323: "userfaultfd",
    425: "io_uring_setup", 426: "io_uring_enter", 427: "io_uring_register", 135: "personality",
    163: "acct", 164: "settimeofday", 170: "sethostname", 171: "setdomainname", 172: "iopl",
    173: "ioperm", 303: "name_to_handle_at", 304: "open_by_handle_at", 300: "fanotify_init",
    103: "syslog", 134: "uselib", 179: "quotactl", 153: "vhangup", 428: "open_tree",
    429: "move_mount", 430: "fsopen", 431: "fsconfig", 432: "fsmount", 433: "fspick",
    442: "mount_setattr", 438: "pidfd_getfd",
    # System V shared memory, semaphores, message queues; POSIX message queues; memfd
    29: "shmget", 30: "shmat", 31: "shmctl", 64: "semget", 65: "semop", 66: "semctl",
    220: "semtimedop", 68: "msgget", 69: "msgsnd", 70: "msgrcv", 71: "msgctl",
    240: "mq_open", 241: "mq_unlink", 242: "mq_timedsend", 243: "mq_timedreceive",
    244: "mq_notify", 245: "mq_getsetattr", 319: "memfd_create", 447: "memfd_secret",
}
_SOCKET_CALLS_X86_64 = {41: "socket", 53: "socketpair"}  # allowed for AF_UNIX only
# The zygote installs the filter once on itself and every child inherits it
# (compiling a filter per child cost ~0.5 ms of CPU per grading).  So it must
# let through what the zygote and a child still do as root before dropping
# privileges: unshare(CLONE_NEWNS) (a child's private scratch; any other flag
# is refused), mount (that scratch), pidfd_open/pidfd_send_signal (the zygote
# kills its children).  Once a child has its unprivileged uid these fail for
# lack of capability, and it cannot get one: unshare of a user namespace is
# refused here, clone3 is refused and clone fails on RLIMIT_NPROC = 1.
_UNSHARE, _CLONE3 = 272, 435
AF_UNIX = 1
_AUDIT_ARCH_X86_64 = 0xC000003E
_RET_ALLOW, _RET_KILL, _RET_ERRNO = 0x7FFF0000, 0x80000000, 0x00050000
_EPERM, _ENOSYS = 1, 38
_OFFSET_NR, _OFFSET_ARCH, _OFFSET_ARG0 = 0, 4, 16  # in struct seccomp_data (arg0's low half)


def seccomp_program() -> bytes | None:
    """A classic-BPF seccomp filter: kill on a foreign architecture (the
    32-bit ABI has other numbers); EPERM for x32, for the denied calls, for
    a socket of any family but AF_UNIX and for unshare of anything but a
    mount namespace; ENOSYS for clone3 (so that a C library falls back to
    clone, which RLIMIT_NPROC governs); allow the rest.  None where we have
    no syscall table."""
    if platform.machine() != "x86_64":
        return None
    ins = []

    def op(code, jt, jf, k):
        ins.append(struct.pack("HBBI", code, jt, jf, k))

    deny = sorted(_DENY_X86_64)
    checked = [(nr, "socket") for nr in sorted(_SOCKET_CALLS_X86_64)] + [(_UNSHARE, "unshare")]
    n, m = len(deny), len(checked)
    # 0 ld arch | 1 jeq arch | 2 kill | 3 ld nr | 4 jge x32 | 5 jeq clone3 | 6..5+n jeq denied
    # | 6+n..5+n+m jeq checked calls | 6+n+m allow
    # | 7+n+m ld arg0 | 8+n+m jeq AF_UNIX | 9+n+m allow          (socket, socketpair)
    # | 10+n+m ld arg0 | 11+n+m jeq CLONE_NEWNS | 12+n+m allow   (unshare)
    # | 13+n+m errno EPERM | 14+n+m errno ENOSYS   (a jump's offset counts from the next instruction)
    family_at, flags_at, errno_at, enosys_at = 7 + n + m, 10 + n + m, 13 + n + m, 14 + n + m
    op(0x20, 0, 0, _OFFSET_ARCH)                       # A = seccomp_data.arch
    op(0x15, 1, 0, _AUDIT_ARCH_X86_64)                 # native arch: skip the kill
    op(0x06, 0, 0, _RET_KILL)                          # the 32-bit ABI has other numbers
    op(0x20, 0, 0, _OFFSET_NR)                         # A = seccomp_data.nr
    op(0x35, errno_at - 4 - 1, 0, 0x40000000)          # x32 ABI
    op(0x15, enosys_at - 5 - 1, 0, _CLONE3)
    for i, nr in enumerate(deny):
        op(0x15, errno_at - (6 + i) - 1, 0, nr)
    for i, (nr, kind) in enumerate(checked):
        op(0x15, (family_at if kind == "socket" else flags_at) - (6 + n + i) - 1, 0, nr)
    op(0x06, 0, 0, _RET_ALLOW)
    op(0x20, 0, 0, _OFFSET_ARG0)                       # family_at: A = the socket's family
    op(0x15, 0, errno_at - (8 + n + m) - 1, AF_UNIX)
    op(0x06, 0, 0, _RET_ALLOW)
    op(0x20, 0, 0, _OFFSET_ARG0)                       # flags_at: A = unshare's flags
    op(0x15, 0, errno_at - (11 + n + m) - 1, CLONE_NEWNS)
    op(0x06, 0, 0, _RET_ALLOW)
    op(0x06, 0, 0, _RET_ERRNO | _EPERM)                # errno_at
    op(0x06, 0, 0, _RET_ERRNO | _ENOSYS)               # enosys_at
    return b"".join(ins)


def install_seccomp(program: bytes) -> None:
    """Requires PR_SET_NO_NEW_PRIVS (or root); irrevocable for this process."""
    n = len(program) // 8
    buf = ctypes.create_string_buffer(program, len(program))

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    prog = SockFprog(n, ctypes.addressof(buf))
    _check(_libc.prctl(PR_SET_SECCOMP, ctypes.c_ulong(SECCOMP_MODE_FILTER),
                       ctypes.c_void_p(ctypes.addressof(prog)), ctypes.c_ulong(0), ctypes.c_ulong(0)),
           "seccomp")


def vm_size() -> int:
    """This process's virtual memory size in bytes (from /proc; 0 if unknown)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0
