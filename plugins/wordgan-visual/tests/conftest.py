"""Fixtures on real data: a visual space fitted on the installed emoji artwork's mammals, with real
EfficientNet-Lite0 features and real MiniLM vectors. Without the artwork (python -m wordgan_emoji install) the
tests that need it skip."""
import pytest

from visual_support import DIM, MAMMALS, artwork_installed


@pytest.fixture(scope="session")
def mammals_space_file(tmp_path_factory):
    """The path of a visual space fitted on the mammals (the held-out split left out), as wordgan-visual-fit writes it."""
    if not artwork_installed():
        pytest.skip("emoji artwork not installed: run python -m wordgan_emoji install")
    from wordgan_visual.fit import fit_visual_space

    space = fit_visual_space("emoji", MAMMALS, dim=DIM)
    return space.save(tmp_path_factory.mktemp("visual") / "visual-mammals.safetensors")
