// Running the radbound binary from tests: exit code, stdout and stderr of one command line.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace radbound::test {

// A fresh directory, removed with everything in it at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "radbound_cli_XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }
  // The names of the files in the directory, sorted.
  std::vector<std::string> files() const {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(path_))
      names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }

 private:
  std::filesystem::path path_;
};

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void write_text(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

struct Outcome {
  int code = -1;
  std::string out, err;
};

// Runs `sh -c "cd DIR && COMMAND"`: COMMAND may use shell quoting, pipes and RADBOUND (the binary).
inline Outcome run_shell(const TempDir& dir, const std::string& command) {
  const std::string out = dir / ".stdout", err = dir / ".stderr";
  const std::string line = "cd '" + dir.path().string() + "' && RADBOUND='" RADBOUND_EXE "' && (" +
                           command + ") >'" + out + "' 2>'" + err + "'";
  const int status = std::system(line.c_str());
  Outcome o;
  o.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  o.out = read_text(out);
  o.err = read_text(err);
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return o;
}

// Runs `radbound ARGS` in `dir`.
inline Outcome run_radbound(const TempDir& dir, const std::string& args) {
  return run_shell(dir, "\"$RADBOUND\" " + args);
}

inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace radbound::test
