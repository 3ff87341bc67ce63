// `regkg serve` as a child process on an ephemeral port, for integration tests: started with
// extra options, stopped (SIGTERM, then SIGKILL after 10 s) when the object dies.
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
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace regkg::test {

class ServeProcess {
 public:
  ServeProcess(const std::filesystem::path& data, std::vector<std::string> extra_args = {}) {
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
    std::vector<std::string> args = {REGKG_BINARY, "serve", "--data",    data.string(),
                                     "--port",     "0",     "--threads", "8"};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGTERM);  // never outlive a crashed test process
      ::dup2(fds[1], STDOUT_FILENO);
      ::close(fds[0]);
      ::close(fds[1]);
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(REGKG_BINARY, argv.data());
      ::_exit(127);
    }
    ::close(fds[1]);
    out_ = ::fdopen(fds[0], "r");
    char line[1024] = {0};
    if (!out_ || !std::fgets(line, sizeof line, out_)) {
      stop();
      throw std::runtime_error("regkg serve printed nothing (did it fail to start?)");
    }
    const std::string first = line, marker = "at http://127.0.0.1:";
    size_t at = first.find(marker);
    if (at == std::string::npos) {
      stop();
      throw std::runtime_error("unexpected first line from regkg serve: " + first);
    }
    port_ = std::atoi(first.c_str() + at + marker.size());
  }
  ~ServeProcess() { stop(); }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  int port() const { return port_; }

  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    for (int i = 0; i < 200; ++i) {
      if (::waitpid(pid_, &status, WNOHANG) == pid_) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      if (i == 199) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
      }
    }
    pid_ = -1;
    if (out_) std::fclose(out_);
    out_ = nullptr;
  }

 private:
  pid_t pid_ = -1;
  FILE* out_ = nullptr;
  int port_ = -1;
};

}  // namespace regkg::test
