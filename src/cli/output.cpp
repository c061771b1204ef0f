#include "cli/output.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
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

}  // namespace cc::cli

