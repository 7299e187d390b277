// Where a table goes: stdout, or FILE written atomically through FILE.partial (SPEC §3).
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace radbound::cli {

// Where FILE is written until it is complete.
inline std::string partial_path_of(const std::string& path) { return path + ".partial"; }

class OutputFile {
 public:
  enum class Mode {
    create,  // FILE.partial is created (emptied if it exists)
    resume,  // FILE.partial is kept up to `keep_bytes` and appended to
  };

  // Standard output.
  OutputFile();
  // FILE through FILE.partial. Throws CliError(exit_cant_create) when it cannot be opened.
  OutputFile(std::string path, Mode mode, std::uint64_t keep_bytes = 0);
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  // Unless commit() or keep() was called: removes a FILE.partial it created (an error leaves no
  // file behind) and keeps one it resumed (the rows of the interrupted run stay resumable).
  ~OutputFile();

  // Each throws CliError(exit_cant_create) on a write error (disk full, ...).
  void write(std::string_view text);
  void flush();
  // Closes FILE.partial and renames it to FILE.
  void commit();
  // Closes FILE.partial and leaves it for --resume.
  void keep();

  bool is_stdout() const { return path_.empty(); }
  const std::string& path() const { return path_; }
  std::string partial_path() const { return partial_path_of(path_); }

 private:
  std::string path_;
  std::FILE* file_ = nullptr;
  bool done_ = false;
  bool resumed_ = false;

  void close();
  [[noreturn]] void fail(const std::string& what) const;
};

}  // namespace radbound::cli
