"""Which catalogue entry each real licence text in ../shared/licences corresponds to.

Facts about the corpus (file name -> catalogue id), not expected parse results. Several files
are parts of one licence (a community licence and its separately published acceptable use
policy); those are parsed together as the licensee receives them.
"""

from __future__ import annotations

#: catalogue id -> the shared files that make up that licence's text, in reading order.
CORPUS: dict[str, tuple[str, ...]] = {
    "agpl-3.0": ("agpl-3.0",),
    "alexa-teacher-model-license": ("alexa-teacher-model-license",),
    "apache-2.0": ("apache-2.0",),
    "apple-amlr": ("apple-ml-research-model-license",),
    "artistic-2.0": ("artistic-2.0",),
    "bigscience-bloom-rail-1.0": ("bigscience-bloom-rail-1.0",),
    "bigscience-openrail-m": ("bigscience-openrail-m",),
    "bsd-2-clause": ("bsd-2-clause",),
    "bsd-3-clause": ("bsd-3-clause",),
    "cc-by-4.0": ("cc-by-4.0",),
    "cc-by-nc-4.0": ("cc-by-nc-4.0",),
    "cc-by-nc-sa-4.0": ("cc-by-nc-sa-4.0",),
    "cc-by-sa-4.0": ("cc-by-sa-4.0",),
    "cc0-1.0": ("cc0-1.0",),
    "chatglm3-6b-license": ("chatglm3-6b-license",),
    "cogvideox-license": ("cogvideox-license",),
    "creativeml-openrail-m": ("creativeml-openrail-m",),
    "dbrx-open-model-license": ("dbrx-open-model-license",),
    "flux-1-dev-non-commercial-license": ("flux1-dev-noncommercial-license",),
    "gemma": ("gemma-terms", "gemma-prohibited-use-policy"),
    "gpl-2.0": ("gpl-2.0",),
    "gpl-3.0": ("gpl-3.0",),
    "grok2-community": ("xai-grok-2-community-license",),
    "hippocratic-1.0": ("hippocratic-1.0",),
    "hippocratic-1.1": ("hippocratic-1.1",),
    "hippocratic-1.2": ("hippocratic-1.2",),
    "hippocratic-2.0": ("hippocratic-2.0",),
    "hippocratic-2.1": ("hippocratic-2.1",),
    "hippocratic-3.0": ("hippocratic-3.0",),
    "kolors-model-license": ("kolors-model-license",),
    "lgpl-2.1": ("lgpl-2.1",),
    "lgpl-3.0": ("lgpl-3.0",),
    "llama2": ("llama2-community", "llama2-aup"),
    "llama3": ("llama3-community", "llama3-aup"),
    "llama3.1": ("llama3.1-community", "llama3.1-aup"),
    "llama3.2": ("llama3.2-community", "llama3.2-aup"),
    "llama4": ("llama4-community",),
    "mit": ("mit",),
    "mpl-2.0": ("mpl-2.0",),
    "openrail++": ("openrail++-m",),
    "opt-175b": ("opt-175b-license",),
    "osl-3.0": ("osl-3.0",),
    "qwen-license": ("qwen-license",),
    "qwen-research-license": ("qwen-research-license",),
    "research-only-rail-ams": ("research-only-rail-ams",),
    "stabilityai-community": ("stabilityai-community-license",),
    "stabilityai-noncommercial-community": ("stabilityai-noncommercial-community-license",),
    "stabilityai-noncommercial-research-community": ("stabilityai-noncommercial-research-community-license",),
    "stable-video-diffusion-noncommercial": ("stable-video-diffusion-noncommercial-license",),
    "tencent-hunyuan-community": ("tencent-hunyuan-community-license",),
    "yayi-model-license": ("yayi-model-license",),
    "yi-license": ("yi-license",),
}

HL3_MODULES = "ACR BDS BOD CL DTO DUI ECO EXTR FFD FMC IIE ISR LAW MEDIA MIL MY NC SOC SUP SV TAL USTA XUAR".split()
for _code in HL3_MODULES:
    CORPUS[f"hippocratic-3.0-{_code.lower()}"] = (f"hippocratic-3.0-module-{_code}",)
