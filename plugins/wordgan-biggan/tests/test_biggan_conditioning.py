"""How the word condition and the noise chunks enter G, and the condition enters D."""
import torch

from wordgan_biggan import build


def test_a_condition_weighs_the_same_whatever_its_length_or_size():
    torch.manual_seed(0)
    for cond_dim in (50, 384):
        generator, discriminator = build(16, cond_dim, (1, 28, 28), ch=4, shared_dim=8)
        generator.eval(), discriminator.eval()
        z, cond, images = torch.randn(3, 16), torch.randn(3, cond_dim), torch.randn(3, 1, 28, 28)
        assert torch.allclose(generator(z, cond), generator(z, 20 * cond), atol=1e-5)
        assert torch.allclose(discriminator(images, cond), discriminator(images, 0.1 * cond), atol=1e-4)
        codes = generator.word_code(cond)  # (3, S): as long as an S-number noise chunk, for 50-d or 384-d words
        assert torch.allclose(codes.norm(dim=1), torch.full((3,), 8**0.5))


def test_noise_is_split_one_chunk_for_the_base_map_and_one_per_block():
    torch.manual_seed(0)
    generator, _ = build(64, 12, (1, 28, 28), ch=4, shared_dim=8)  # 28 px: two up-blocks, three chunks
    generator.eval()
    assert generator.chunks == 3 and generator.linear.in_features == 22
    assert [block.norm1.gain.in_features for block in generator.blocks] == [8 + 21, 8 + 21]
    z, cond = torch.randn(2, 64), torch.randn(2, 12)
    reference = generator(z, cond)
    for start, stop in ((0, 22), (22, 43), (43, 64)):  # every chunk changes the image
        changed = z.clone()
        changed[:, start:stop] = torch.randn(2, stop - start)
        assert not torch.allclose(generator(changed, cond), reference)


def test_the_word_changes_every_conditional_batch_norm():
    generator, _ = build(16, 12, (3, 64, 64), ch=2, shared_dim=4)
    generator.eval()
    code = generator.word_code(torch.randn(2, 12))
    chunk = torch.randn(2, 3)
    for block in generator.blocks:  # same noise, two words: different gains and biases in every block
        gains = block.norm1.gain(torch.cat([code, chunk], dim=1))
        assert not torch.allclose(gains[0], gains[1])
