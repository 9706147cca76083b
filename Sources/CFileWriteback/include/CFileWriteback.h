#ifndef CFILEWRITEBACK_H
#define CFILEWRITEBACK_H

/// Asks the kernel to start writing `count` bytes of the file open as `descriptor`, from `offset`,
/// to the disk, without waiting for them (Linux's sync_file_range with SYNC_FILE_RANGE_WRITE,
/// which Swift's Glibc module does not import). Elsewhere it does nothing. Returns 0, or -1 with
/// errno set. Advisory only: the fsync that follows is what says the file is on disk.
int chaintrace_start_writeback(int descriptor, long long offset, long long count);

#endif
