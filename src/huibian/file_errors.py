"""Chinese wording for file-system errors, so commands print a message instead of a traceback."""

from __future__ import annotations

import errno

_REASONS = {
    errno.EACCES: "没有权限（请检查文件夹的写入权限）",
    errno.EPERM: "操作不被允许（文件或文件夹可能被锁定或受保护）",
    errno.EROFS: "所在磁盘是只读的",
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "磁盘配额已用完",
    errno.ENOTDIR: "路径中应是文件夹的地方是一个文件",
    errno.EISDIR: "应是文件的地方是一个文件夹",
    errno.EEXIST: "已经存在（可能是一个文件挡住了同名文件夹）",
    errno.ENOTEMPTY: "文件夹不是空的",
    errno.EBUSY: "正被占用（例如是挂载点）",
    errno.ENOENT: "不存在",
}


def describe(exc: OSError) -> str:
    """`<path>：<reason in Chinese>` for an OSError, with the system's own text as a fallback."""
    reason = _REASONS.get(exc.errno or 0) or exc.strerror or str(exc)
    return f"{exc.filename}：{reason}" if exc.filename else reason
