"""Stage 1: unpack the .NET runtime and the apps, find the libtorch to load, say what the host is."""
import glob
import json
import os
import re
import subprocess
import tarfile

from commands import StageFailed, run

# Prints the host PyTorch's versions and its torch/lib (what the trainer loads libtorch from).
TORCH_PROBE = """
import json, os, torch
cuda = torch.cuda.is_available()
print(json.dumps({
    "pytorch": torch.__version__,
    "cuda": torch.version.cuda,
    "cudnn": torch.backends.cudnn.version() if cuda else None,
    "gpu": torch.cuda.get_device_name(0) if cuda else None,
    "gpu_count": torch.cuda.device_count() if cuda else 0,
    "libtorch": os.path.join(os.path.dirname(torch.__file__), "lib"),
}))
"""


class Toolbox:
    """The unpacked runtime and apps, and the environment every .NET command of the check runs in."""

    def __init__(self, work, libtorch):
        self.dotnet = os.path.join(work, "dotnet", "dotnet")
        self.apps = os.path.join(work, "apps")
        self.libtorch = libtorch
        self.env = dict(os.environ, DOTNET_ROOT=os.path.dirname(self.dotnet), LD_LIBRARY_PATH=libtorch,
                        ORLEANSGAN_LIBTORCH_DIR=libtorch, DOTNET_NOLOGO="1", DOTNET_CLI_TELEMETRY_OPTOUT="1")

    def app(self, name, dll):
        return [self.dotnet, os.path.join(self.apps, name, dll)]

    @property
    def cli(self):
        return self.app("cli", "orleansgan.dll")

    @property
    def silo(self):
        return self.app("silo", "orleansgan-silo.dll")

    @property
    def bench(self):
        return self.app("bench", "orleansgan-bench-step.dll")


def prepare(clock, options, work):
    """Returns (toolbox, figures)."""
    archives = {name: os.path.join(options.pack, name) for name in ("dotnet-runtime.tar.xz", "apps.tar.xz")}
    for path in archives.values():
        if not os.path.isfile(path):
            raise StageFailed(f"{path} is missing: run bench/pack-gpu-host.sh on a machine with the .NET SDK first")
    for folder, archive in (("dotnet", "dotnet-runtime.tar.xz"), ("apps", "apps.tar.xz")):
        unpack(archives[archive], os.path.join(work, folder))

    if options.device == "cuda":
        torch = probe_torch(clock, options.python)
        if not torch["gpu"]:
            raise StageFailed(f"{options.python}: PyTorch {torch['pytorch']} sees no CUDA device")
        libtorch = options.libtorch or torch["libtorch"]
        figures = dict(gpu=torch["gpu"], gpu_count=torch["gpu_count"], driver=nvidia_driver(), cuda=torch["cuda"],
                       cudnn=torch["cudnn"], pytorch=torch["pytorch"])
    else:
        libtorch = options.libtorch or nuget_libtorch(options.repo)
        figures = dict(gpu=None, gpu_count=0, driver=None, cuda=None, cudnn=None, pytorch=None)
    if not os.path.isfile(os.path.join(libtorch, "libtorch.so")):
        raise StageFailed(f"libtorch directory {libtorch} has no libtorch.so")

    toolbox = Toolbox(work, libtorch)
    _, runtimes, _ = run(clock, "dotnet-runtimes", [toolbox.dotnet, "--list-runtimes"], env=toolbox.env)
    netcore = re.search(r"Microsoft\.NETCore\.App (\S+)", runtimes)
    figures.update(libtorch=libtorch, dotnet_runtime=netcore.group(1) if netcore else None,
                   cpu=cpu_model(), cpu_threads=os.cpu_count())
    return toolbox, figures


def unpack(archive, folder):
    """With Python's own xz, so the host needs no xz tool; hard links (files the apps share) come back as such."""
    with tarfile.open(archive, "r:xz") as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(folder, filter="data")
        else:
            tar.extractall(folder)


def probe_torch(clock, python):
    _, stdout, _ = run(clock, "pytorch-versions", [python, "-c", TORCH_PROBE])
    return json.loads(stdout.strip().splitlines()[-1])


def nvidia_driver():
    try:
        result = subprocess.run(["nvidia-smi", "--query-gpu=driver_version", "--format=csv,noheader"],
                                capture_output=True, text=True, timeout=30)
        if result.returncode == 0 and result.stdout.strip():
            return result.stdout.strip().splitlines()[0]
    except (OSError, subprocess.TimeoutExpired):
        pass
    try:
        with open("/proc/driver/nvidia/version") as f:
            found = re.search(r"Kernel Module\s+(\S+)", f.read())
            return found.group(1) if found else None
    except OSError:
        return None


def nuget_libtorch(repo):
    """On CPU: the NuGet libtorch-cpu-linux-x64 the repository builds with, from the NuGet cache."""
    with open(os.path.join(repo, "Directory.Packages.props")) as f:
        version = re.search(r'Include="libtorch-cpu-linux-x64"\s+Version="([^"]+)"', f.read())
    if not version:
        raise StageFailed("Directory.Packages.props names no libtorch-cpu-linux-x64 version: give --libtorch DIR")
    cache = os.environ.get("NUGET_PACKAGES") or os.path.expanduser("~/.nuget/packages")
    matches = glob.glob(os.path.join(cache, "libtorch-cpu-linux-x64", version.group(1), "runtimes", "linux-x64", "native"))
    if not matches:
        raise StageFailed(f"libtorch-cpu-linux-x64 {version.group(1)} is not in {cache} (build the solution first), "
                          "or give --libtorch DIR")
    return matches[0]


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            found = re.search(r"^model name\s*:\s*(.+)$", f.read(), re.MULTILINE)
            return found.group(1).strip() if found else None
    except OSError:
        return None


def describe(figures):
    if figures["gpu"]:
        return (f"GPU {figures['gpu']} (x{figures['gpu_count']}), driver {figures['driver']}, CUDA {figures['cuda']}, "
                f"cuDNN {figures['cudnn']}, PyTorch {figures['pytorch']}; .NET {figures['dotnet_runtime']}; "
                f"libtorch from {figures['libtorch']}")
    return (f"CPU {figures['cpu']} ({figures['cpu_threads']} threads), no GPU; .NET {figures['dotnet_runtime']}; "
            f"libtorch from {figures['libtorch']}")

