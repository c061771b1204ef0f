#include "cli/output.h"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <stdexcept>

namespace cc::cli {
namespace fs = std::filesystem;

void PrintDiagnostics(const std::vector<Diagnostic>& diags) {
  for (const auto& d : diags) std::cerr << "claimcheck: " << d.Format() << "\n";
}

void WriteOutput(const std::string& path, const std::function<void(std::ostream&)>& write) {
  if (path.empty() || path == "-") {
    write(std::cout);
    std::cout.flush();
    return;
  }
  std::error_code ec;
  const auto kind = fs::symlink_status(path, ec).type();
  if (kind != fs::file_type::regular && kind != fs::file_type::not_found) {
    // A device, pipe or link (-o /dev/null, a named pipe, /dev/stdout): written in place.
    // Renaming a file over it would replace it (as root, /dev/null itself).
    std::ofstream out(path, std::ios::binary);
    if (!out) throw std::runtime_error(fmt::format("{}: cannot write", path));
    write(out);
    out.flush();
    if (!out) throw std::runtime_error(fmt::format("{}: write failed", path));
    return;
  }
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error(fmt::format("{}: cannot write", path));
    try {
      write(out);
    } catch (...) {
      out.close();
      std::remove(tmp.c_str());
      throw;
    }
    out.flush();
    if (!out) {
      std::remove(tmp.c_str());
      throw std::runtime_error(fmt::format("{}: write failed", path));
    }
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    std::remove(tmp.c_str());
    throw std::runtime_error(fmt::format("{}: {}", path, ec.message()));
  }
}

pipeline::ProgressFn TerminalProgress() {
  using Stage = pipeline::Progress::Stage;
  struct Shown {
    std::chrono::steady_clock::time_point last = std::chrono::steady_clock::now();
    bool any = false;
  };
  auto stages = std::make_shared<std::map<Stage, Shown>>();  // each clock starts at the stage's first count
  return [stages](const pipeline::Progress& p) {
    std::string line;
    switch (p.stage) {
      case Stage::kStoring: line = fmt::format("{} articles, {} facts", p.done, p.facts); break;
      case Stage::kChecking:
        line = fmt::format("checking, {} facts read{}", p.done, p.last ? ", storing the findings" : "");
        break;
      case Stage::kReportFacts: line = fmt::format("report: {} of {} facts written", p.done, p.total); break;
      case Stage::kReportClaims: line = fmt::format("report: claims from {} of {} facts", p.done, p.total); break;
    }
    Shown& shown = (*stages)[p.stage];
    if (p.last) {
      bool report = p.stage == Stage::kReportFacts || p.stage == Stage::kReportClaims;
      if (!report || shown.any) std::cerr << "\rclaimcheck: " << line << "\n" << std::flush;
      return;
    }
    auto now = std::chrono::steady_clock::now();
    if (now - shown.last <= std::chrono::milliseconds(200)) return;
    shown.last = now;
    shown.any = true;
    std::cerr << "\rclaimcheck: " << line << std::flush;
  };
}

}  // namespace cc::cli
