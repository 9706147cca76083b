// sync_file_range is a GNU extension: its declaration needs _GNU_SOURCE before any header.
#define _GNU_SOURCE
#include <fcntl.h>
#include "CFileWriteback.h"

int chaintrace_start_writeback(int descriptor, long long offset, long long count) {
#if defined(__linux__)
    return sync_file_range(descriptor, offset, count, SYNC_FILE_RANGE_WRITE);
#else
    (void)descriptor;
    (void)offset;
    (void)count;
    return 0;
#endif
}
