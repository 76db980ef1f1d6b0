using OrleansGan.SweepFiles;
namespace OrleansGan.Sweeps.Tests;

/// <summary>Sweep files that must be refused, each with the one-line error it must give.</summary>
public static class BadSweepFiles
{
    const string Head = "name: bad\ndata:\n  cifar10: ./cifar\n"; // lines 1-3
    const string RandomHead = Head + "search:\n  strategy: random\n  trials: 4\n  parameters:\n"; // lines 1-7

    public static TheoryData<string, string> All => new()
    {
        { "", "bad.yaml:1: yaml: the file is empty; a sweep needs at least 'name' and 'data'" },
        { "# nothing but a comment\n", "bad.yaml:1: yaml: the file is empty; a sweep needs at least 'name' and 'data'" },
        { Head + "train:\n  epochs: [1\n", "bad.yaml:6: yaml: While parsing a flow sequence, did not find expected ',' or ']'" },
        { Head + "train:\n  lr_g: 0.1\n  lr_g: 0.2\n", "bad.yaml:6: yaml: Duplicate key lr_g" },
        { "- name: bad\n", "bad.yaml:1: yaml: must be a mapping, got a list" },
        { Head + "---\nname: other\n", "bad.yaml:5: yaml: a second YAML document; a sweep file holds one" },

        { "data:\n  cifar10: ./cifar\n", "bad.yaml:1: name: is required" },
        { "\n\nname: bad\n", "bad.yaml:3: data: is required" },
        { "name: Lr_Sweep\ndata: { cifar10: d }\n",
          "bad.yaml:1: name: must be 1 to 63 lowercase letters, digits or '-', starting with a letter or digit, got 'Lr_Sweep'" },
        { "name: -sweep\ndata: { cifar10: d }\n",
          "bad.yaml:1: name: must be 1 to 63 lowercase letters, digits or '-', starting with a letter or digit, got '-sweep'" },
        { $"name: {new string('a', 64)}\ndata: {{ cifar10: d }}\n",
          $"bad.yaml:1: name: must be 1 to 63 lowercase letters, digits or '-', starting with a letter or digit, got '{new string('a', 64)}'" },
        { "name:\ndata: { cifar10: d }\n", "bad.yaml:1: name: must be text, got nothing" },
        { Head + "resource:\n  max_concurrent: 2\n", "bad.yaml:4: resource: unknown key (did you mean 'resources'?)" },

        { "name: bad\ndata:\n", "bad.yaml:2: data: needs 'cifar10' (a directory of CIFAR-10's binary version) or 'synthetic' (generated images)" },
        { "name: bad\ndata:\n  cifar10: ./cifar\n  synthetic: { images: 100 }\n", "bad.yaml:2: data: set one of 'cifar10' or 'synthetic', not both" },
        { "name: bad\ndata:\n  cifar: ./cifar\n", "bad.yaml:3: data.cifar: unknown key (did you mean 'cifar10'?)" },
        { "name: bad\ndata:\n  cifar10: [a, b]\n", "bad.yaml:3: data.cifar10: must be text, got a list" },
        { "name: bad\ndata:\n  synthetic: { images: 4, seed: 7 }\n", "bad.yaml:3: data.synthetic.images: must be >= 5, got 4" },
        { "name: bad\ndata:\n  synthetic:\n    seed: 7\n", "bad.yaml:3: data.synthetic.images: is required" },

        { Head + "train:\n  lr_gg: 0.1\n", "bad.yaml:5: train.lr_gg: unknown key (did you mean 'lr_g'?)" },
        { Head + "train:\n  epochs: many\n", "bad.yaml:5: train.epochs: must be a number, got 'many'" },
        { Head + "train:\n  lr_g: \"0.1\"\n", "bad.yaml:5: train.lr_g: must be a number, got the quoted text '0.1'" },
        { Head + "train:\n  epochs: 2.5\n", "bad.yaml:5: train.epochs: must be a whole number, got 2.5" },
        { Head + "train:\n  batch_size: 3\n", "bad.yaml:5: train.batch_size: must be even and >= 2, got 3" },
        { Head + "train: [epochs, 3]\n", "bad.yaml:4: train: must be a mapping, got a list" },

        { Head + "search:\n  strategy: bayes\n", "bad.yaml:5: search.strategy: must be 'grid' or 'random', got 'bayes'" },
        { Head + "search:\n  parameters:\n    betta1: [0.5]\n", "bad.yaml:6: search.parameters.betta1: unknown key (did you mean 'beta1'?)" },
        { Head + "search:\n  parameters:\n    lr_g:\n      - 0.0002\n      - -0.1\n", "bad.yaml:8: search.parameters.lr_g: must be > 0, got -0.1" },
        { Head + "search:\n  parameters:\n    lr_g: []\n", "bad.yaml:6: search.parameters.lr_g: needs at least one value" },
        { Head + "search:\n  parameters:\n    beta1: [0.5, 0.9, 0.5]\n", "bad.yaml:6: search.parameters.beta1: lists 0.5 twice" },
        { Head + "search:\n  parameters:\n    lr_g: 0.1\n",
          "bad.yaml:6: search.parameters.lr_g: must be a list of values, or uniform: [a, b] or log_uniform: [a, b], got '0.1'" },
        { Head + "search:\n  parameters:\n    lr_d: { log_uniform: [0.00005, 0.001] }\n",
          "bad.yaml:6: search.parameters.lr_d: a range needs strategy random; a grid takes a list of values" },
        { Head + "search:\n  trials: 0\n", "bad.yaml:5: search.trials: must be >= 1, got 0" },
        { Head + "search:\n  seed: -1\n", "bad.yaml:5: search.seed: must be >= 0, got -1" },
        { Head + "search:\n  parameters:\n" + string.Concat(new[] { "lr_g", "lr_d", "beta1", "beta2", "dropout" }
              .Select(k => $"    {k}: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]\n")),
          "bad.yaml:5: search.parameters: the grid has more than 10000 variants" },

        { Head + "search:\n  strategy: random\n  parameters: { beta1: [0.5, 0.9] }\n", "bad.yaml:4: search.trials: is required for strategy random" },
        { Head + "search:\n  strategy: random\n  trials: 10001\n  parameters: { beta1: [0.5] }\n", "bad.yaml:6: search.trials: must be <= 10000, got 10001" },
        { Head + "search:\n  strategy: random\n  trials: 4\n", "bad.yaml:4: search.parameters: a random search needs at least one parameter" },
        { RandomHead + "    beta1: { uniform: [0.9, 0.5] }\n",
          "bad.yaml:8: search.parameters.beta1.uniform: low must not be above high, got [0.9, 0.5]" },
        { RandomHead + "    beta1: { log_uniform: [0, 0.9] }\n",
          "bad.yaml:8: search.parameters.beta1.log_uniform: bounds must be > 0, got [0, 0.9]" },
        { RandomHead + "    beta1: { uniform: [0.5, 1.5] }\n",
          "bad.yaml:8: search.parameters.beta1.uniform: must be in [0, 1), got 1.5" },
        { Head + "resources:\n  gpus_per_trial: 2\n",
          "bad.yaml:5: resources.gpus_per_trial: must be 0 (CPU), 1 (a whole GPU) or 1/k for k up to 16 (0.5, 0.25, ...): a run trains on one device; got 2" },
        { RandomHead + "    beta1: { uniform: [0.1, 0.5, 0.9] }\n",
          "bad.yaml:8: search.parameters.beta1.uniform: must be [low, high], got 3 values" },
        { RandomHead + "    beta1: { uniform: { low: 0.1 } }\n",
          "bad.yaml:8: search.parameters.beta1.uniform: must be a list, got a mapping" },
        { RandomHead + "    beta1: { uniform: [0.1, 0.5], log_uniform: [0.1, 0.5] }\n",
          "bad.yaml:8: search.parameters.beta1: needs exactly one of uniform: [a, b] or log_uniform: [a, b]" },
        { RandomHead + "    beta1: { normal: [0.5, 0.1] }\n",
          "bad.yaml:8: search.parameters.beta1.normal: unknown key; expected one of uniform, log_uniform" },
        { RandomHead + "    batch_size: { uniform: [2, 64] }\n",
          "bad.yaml:8: search.parameters.batch_size: a draw must be even and >= 2, got 57; list the allowed values instead" },

        { Head + "resources:\n  max_concurrent: 0\n", "bad.yaml:5: resources.max_concurrent: must be >= 1, got 0" },
        { Head + "resources:\n  max_concurrent: 2.5\n", "bad.yaml:5: resources.max_concurrent: must be a whole number, got 2.5" },
        { Head + "resources:\n  max_failures: 0\n", "bad.yaml:5: resources.max_failures: must be >= 1, got 0" },
        { Head + "resources:\n  gpus_per_trial: -1\n",
          "bad.yaml:5: resources.gpus_per_trial: must be 0 (CPU), 1 (a whole GPU) or 1/k for k up to 16 (0.5, 0.25, ...): a run trains on one device; got -1" },
        { Head + "resources:\n  gpus_per_trial: 0.3\n",
          "bad.yaml:5: resources.gpus_per_trial: must be 0 (CPU), 1 (a whole GPU) or 1/k for k up to 16 (0.5, 0.25, ...): a run trains on one device; got 0.3" },
        { Head + "resources:\n  gpus_per_trial: 1.5\n",
          "bad.yaml:5: resources.gpus_per_trial: must be 0 (CPU), 1 (a whole GPU) or 1/k for k up to 16 (0.5, 0.25, ...): a run trains on one device; got 1.5" },
        { Head + "resources:\n  gpus_per_trial: 2\n",
          "bad.yaml:5: resources.gpus_per_trial: must be 0 (CPU), 1 (a whole GPU) or 1/k for k up to 16 (0.5, 0.25, ...): a run trains on one device; got 2" },
        { Head + "resources:\n  colour: red\n",
          "bad.yaml:5: resources.colour: unknown key; expected one of max_concurrent, gpus_per_trial, max_failures" },

        { Head + "objective: swd\n", "bad.yaml:4: objective: must be a mapping, got 'swd'" },
        { Head + "objective:\n  metrics: swd\n", "bad.yaml:5: objective.metrics: unknown key (did you mean 'metric'?)" },
        { Head + "objective:\n  metric: is\n", "bad.yaml:5: objective.metric: must be one of swd, fid, kid, got 'is'" },
        { Head + "objective:\n  metric: SWD\n", "bad.yaml:5: objective.metric: must be one of swd, fid, kid, got 'SWD'" },
        { Head + "objective:\n  metric: fid\n",
          "bad.yaml:4: objective.inception_weights: fid needs pytorch-fid's Inception-v3 weights (pt_inception-2015-12-05-6726825d.pth): " +
          "set it here or in ORLEANSGAN_INCEPTION_WEIGHTS" },
        { Head + "objective: { metric: kid, samples: 1000 }\n",
          "bad.yaml:4: objective.inception_weights: kid needs pytorch-fid's Inception-v3 weights (pt_inception-2015-12-05-6726825d.pth): " +
          "set it here or in ORLEANSGAN_INCEPTION_WEIGHTS" },
        { Head + "objective:\n  metric: kid\n  inception_weights: /nonexistent/pt_inception.pth\n",
          "bad.yaml:6: objective.inception_weights: no such file /nonexistent/pt_inception.pth" },
        { Head + "objective:\n  samples: 63\n", "bad.yaml:5: objective.samples: must be >= 64, got 63" },
        { Head + "objective:\n  samples: 8193\n", "bad.yaml:5: objective.samples: must be <= 8192 for swd, got 8193" },
        { Head + "objective:\n  samples: 100.5\n", "bad.yaml:5: objective.samples: must be a whole number, got 100.5" },
        { Head + "objective:\n  samples: many\n", "bad.yaml:5: objective.samples: must be a number, got 'many'" },
    };
}
