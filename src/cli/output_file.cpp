#include "output_file.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "exit_code.hpp"

namespace radbound::cli {

OutputFile::OutputFile() : file_(stdout) {}

OutputFile::OutputFile(std::string path, Mode mode, std::uint64_t keep_bytes)
    : path_(std::move(path)), resumed_(mode == Mode::resume) {
  struct stat info {};
  if (::stat(path_.c_str(), &info) == 0 && S_ISDIR(info.st_mode))
    throw CliError(
        exit_cant_create,
        fmt::format("-o {}: is a directory; accepted is the path of a file to write", path_));
  const std::string partial = partial_path();
  if (mode == Mode::resume && ::truncate(partial.c_str(), static_cast<off_t>(keep_bytes)) != 0)
    fail("cannot be resumed");
  file_ = std::fopen(partial.c_str(), mode == Mode::create ? "wb" : "ab");
  if (!file_) fail("cannot be created");
  // Callers hand whole blocks of rows and flush after each: a buffer would only split a block in
  // two system calls (what fits, then the rest at the flush).
  std::setvbuf(file_, nullptr, _IONBF, 0);
}

OutputFile::~OutputFile() {
  if (is_stdout() || done_) return;
  close();
  if (!resumed_) std::remove(partial_path().c_str());
}

void OutputFile::fail(const std::string& what) const {
  throw CliError(exit_cant_create,
                 fmt::format("-o {}: {} {}: {} (accepted: a file in a writable directory)", path_,
                             partial_path(), what, std::strerror(errno)));
}

void OutputFile::write(std::string_view text) {
  if (std::fwrite(text.data(), 1, text.size(), file_) != text.size()) fail("cannot be written");
}

void OutputFile::flush() {
  if (std::fflush(file_) != 0) fail("cannot be written");
}

void OutputFile::close() {
  if (file_) std::fclose(file_);
  file_ = nullptr;
}

void OutputFile::commit() {
  flush();
  if (is_stdout()) return;
  if (std::fclose(file_) != 0) {
    file_ = nullptr;
    fail("cannot be written");
  }
  file_ = nullptr;
  if (std::rename(partial_path().c_str(), path_.c_str()) != 0) fail("cannot be renamed to FILE");
  done_ = true;
}

void OutputFile::keep() {
  flush();
  if (is_stdout()) return;
  close();
  done_ = true;
}

}  // namespace radbound::cli
