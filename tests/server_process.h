// `regkg serve` (or any regkg subcommand that prints "... at http://127.0.0.1:PORT/" first) as a
// child process on an ephemeral port, with extra arguments and environment variables, for
// integration tests. Killed with SIGTERM when the object dies (and with the test process). Also
// IngestedCorpus: a mini-corpus of real files ingested into a temporary data directory.
#pragma once

#include <signal.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "tests/small_corpus.h"
#include "tests/test_support.h"

namespace regkg::test {

class RegkgServer {
 public:
  // Runs `regkg serve --data DATA --port 0 --web WEB ARGS...` with `env` (NAME=value) added;
  // WEB defaults to the project's web/.
  RegkgServer(const std::filesystem::path& data, const std::vector<std::string>& args = {},
              const std::vector<std::string>& env = {},
              const std::filesystem::path& web = std::filesystem::path(REGKG_SOURCE_DIR) / "web") {
    std::vector<std::string> argv = {REGKG_BINARY, "serve", "--data",     data.string(), "--port",
                                     "0",          "--web", web.string(), "--threads",   "16"};
    argv.insert(argv.end(), args.begin(), args.end());
    log_path_ = std::filesystem::temp_directory_path() /
                ("regkg-server-" + std::to_string(::getpid()) + "-" +
                 std::to_string(reinterpret_cast<std::uintptr_t>(this)) + ".log");
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGTERM);
      ::dup2(fds[1], STDOUT_FILENO);
      std::FILE* err = std::fopen(log_path_.c_str(), "w");
      if (err) ::dup2(::fileno(err), STDERR_FILENO);
      ::close(fds[0]);
      ::close(fds[1]);
      for (const auto& e : env) ::putenv(const_cast<char*>(e.c_str()));
      std::vector<char*> cargv;
      for (auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
      cargv.push_back(nullptr);
      ::execv(REGKG_BINARY, cargv.data());
      ::_exit(127);
    }
    ::close(fds[1]);
    out_ = ::fdopen(fds[0], "r");
    char line[1024] = {0};
    if (!out_ || !std::fgets(line, sizeof line, out_)) {
      stop();
      throw std::runtime_error("regkg serve printed nothing; its log:\n" + log());
    }
    first_line_ = line;
    const std::string marker = "at http://127.0.0.1:";
    size_t at = first_line_.find(marker);
    if (at == std::string::npos) {
      stop();
      throw std::runtime_error("unexpected first line from regkg serve: " + first_line_);
    }
    port_ = std::atoi(first_line_.c_str() + at + marker.size());
  }
  ~RegkgServer() {
    stop();
    std::error_code ec;
    std::filesystem::remove(log_path_, ec);
  }
  RegkgServer(const RegkgServer&) = delete;
  RegkgServer& operator=(const RegkgServer&) = delete;

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  const std::string& first_line() const { return first_line_; }
  // What the server wrote to stderr so far.
  std::string log() const {
    std::FILE* f = std::fopen(log_path_.c_str(), "r");
    if (!f) return {};
    std::string text;
    char buf[4096];
    for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
    std::fclose(f);
    return text;
  }

  // SIGTERM, then wait (up to 10 s, then SIGKILL). Returns the raw wait status, or -1.
  int stop() {
    if (pid_ <= 0) return -1;
    ::kill(pid_, SIGTERM);
    int status = -1;
    for (int i = 0; i < 200; ++i) {
      pid_t r = ::waitpid(pid_, &status, WNOHANG);
      if (r == pid_) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      if (i == 199) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
      }
    }
    pid_ = -1;
    if (out_) std::fclose(out_);
    out_ = nullptr;
    return status;
  }

 private:
  pid_t pid_ = -1;
  std::FILE* out_ = nullptr;
  int port_ = -1;
  std::string first_line_;
  std::filesystem::path log_path_;
};

// Polls `ok` every 50 ms until it holds or `limit` has passed; returns its last answer.
inline bool wait_for(const std::function<bool()>& ok, std::chrono::seconds limit) {
  auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    if (ok()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return ok();
}

// Runs `regkg ARGS...` to completion; returns its exit status and puts stdout+stderr in `output`.
inline int run_regkg(const std::string& args, std::string& output) {
  const std::string cmd = std::string("'") + REGKG_BINARY + "' " + args + " 2>&1";
  std::FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return -1;
  char buf[4096];
  output.clear();
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) output.append(buf, n);
  int status = ::pclose(p);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A mini-corpus ingested by the real binary: symlinks to the real corpus files named in `files`
// (corpus-relative) in a temporary folder, ingested with `regkg ingest --threads 2` into a
// temporary data directory. Throws std::runtime_error with the ingest's output when it fails.
// Both folders are removed with the object.
class IngestedCorpus {
 public:
  explicit IngestedCorpus(const std::vector<std::string>& files) {
    link_corpus_files(corpus_.path(), files);
    std::string output;
    if (run_regkg("ingest --corpus '" + corpus_.path().string() + "' --data '" + data().string() +
                      "' --threads 2",
                  output) != 0)
      throw std::runtime_error("regkg ingest failed:\n" + output);
  }

  // The data directory, for `regkg serve --data`.
  std::filesystem::path data() const { return data_.path() / "data"; }
  // The id of the snapshot the ingest made current.
  std::string snapshot_id() const {
    std::string id = read_file(data() / "CURRENT");
    while (!id.empty() && id.back() == '\n') id.pop_back();
    return id;
  }

 private:
  TempDir corpus_, data_;
};

}  // namespace regkg::test
