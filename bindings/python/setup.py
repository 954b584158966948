"""Builds the extension acd._acd with the repository's CMake build.

The module is the CMake target acd_python (bindings/python/CMakeLists.txt);
this file only drives CMake and copies the result where setuptools wants it.

Environment:
  ACD_BUILD_DIR          reuse this configured build directory (e.g. the
                         repository's build/) instead of configuring a new one
  ACD_PYTHON_BUILD_BASE  setuptools' build directory (default: build/ here)
  ACD_JOBS               parallel build jobs (default: every core)
"""

import glob
import os
import pathlib
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent  # the repository


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        build_dir = os.environ.get("ACD_BUILD_DIR")
        if build_dir:
            build_dir = pathlib.Path(build_dir).resolve()
        else:
            build_dir = pathlib.Path(self.build_temp).resolve() / "cmake"
            generator = ["-G", "Ninja"] if shutil.which("ninja") else []
            subprocess.run(
                ["cmake", "-S", str(ROOT), "-B", str(build_dir), *generator,
                 "-DCMAKE_BUILD_TYPE=Release", "-DACD_BUILD_TESTS=OFF",
                 "-DACD_BUILD_BENCH=OFF", "-DACD_BUILD_TOOLS=OFF",
                 f"-DACD_PYTHON_EXECUTABLE={sys.executable}"],
                check=True)
        jobs = os.environ.get("ACD_JOBS", str(os.cpu_count() or 1))
        subprocess.run(["cmake", "--build", str(build_dir), "--target", "acd_python",
                        "-j", jobs], check=True)
        built = glob.glob(str(build_dir / "python" / "acd" / "_acd*.so"))
        if len(built) != 1:
            raise RuntimeError(f"expected one _acd module in {build_dir}/python/acd, found {built}")
        target = pathlib.Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built[0], target)


BUILD_BASE = os.environ.get("ACD_PYTHON_BUILD_BASE", str(HERE / "build"))

setup(
    ext_modules=[Extension("acd._acd", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    options={"build": {"build_base": BUILD_BASE}, "egg_info": {"egg_base": BUILD_BASE}},
)
