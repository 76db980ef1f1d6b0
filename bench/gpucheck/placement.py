"""What `orleansgan cluster status --json` showed while a sweep ran: the most trials seen on each device, and every
moment a device held more trials than its slots, or (on a GPU) GPU shares adding up to more than one."""

SHARE_TOLERANCE = 1e-6


class PlacementLog:
    def __init__(self):
        self.snapshots = 0
        self.peak_by_device = {}
        self.slots_by_device = {}
        self.over_commits = []
        self.placements = set()

    def add(self, status):
        """One `cluster status --json` answer."""
        self.snapshots += 1
        for silo in status["silos"]:
            if not silo["accelerator"]:
                continue
            by_device = {}
            for trial in silo["runs"]:
                by_device.setdefault(trial["device"], []).append(trial)
                self.placements.add((trial["run"], f"{silo['name']}/{trial['device']}"))
            for device, trials in by_device.items():
                key = f"{silo['name']}/{device}"
                self.slots_by_device[key] = silo["slots_per_device"]
                self.peak_by_device[key] = max(self.peak_by_device.get(key, 0), len(trials))
                problem = self._problem(silo, device, trials)
                if problem:
                    self.over_commits.append(f"{key}: {problem}")

    @staticmethod
    def _problem(silo, device, trials):
        kind, _, index = device.partition(":")
        if kind != silo["accelerator"] or (index and int(index) >= silo["devices"]):
            return f"{len(trials)} trial(s) on a device the {silo['devices']} {silo['accelerator']} device(s) of the worker do not include"
        if len(trials) > silo["slots_per_device"]:
            return f"{len(trials)} trials on {silo['slots_per_device']} slots"
        shares = sum(t["gpus"] for t in trials)
        if kind == "cuda" and shares > 1 + SHARE_TOLERANCE:
            return f"GPU shares add up to {shares:g}"
        return None

    def figures(self):
        return dict(
            snapshots=self.snapshots,
            peak_trials_by_device=self.peak_by_device,
            slots_by_device=self.slots_by_device,
            runs_placed=len({run for run, _ in self.placements}),
            over_commits=len(self.over_commits),
            over_commit_examples=self.over_commits[:5],
        )
