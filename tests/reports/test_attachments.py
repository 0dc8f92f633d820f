import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from reports.attachments import MAX_FILE_BYTES, AttachmentError, check_file, check_files, clean_name

from .factories import image_bytes, jpeg_with_gps, pdf_bytes, png_bomb


def upload(name, content, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    ("content", "content_type", "extension"),
    [
        (image_bytes("JPEG"), "image/jpeg", "jpg"),
        (image_bytes("PNG"), "image/png", "png"),
        (image_bytes("WEBP"), "image/webp", "webp"),
        (pdf_bytes(), "application/pdf", "pdf"),
    ],
)
def test_accepted_kinds(content, content_type, extension):
    clean = check_file(upload("anything.bin", content, "application/octet-stream"))
    assert (clean.content_type, clean.extension) == (content_type, extension)


def test_heic_becomes_jpeg():
    import pillow_heif

    pillow_heif.register_heif_opener()
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "green").save(buffer, format="HEIF")
    clean = check_file(upload("IMG_0001.HEIC", buffer.getvalue(), "image/heic"))
    assert (clean.content_type, clean.extension) == ("image/jpeg", "jpg")
    assert Image.open(io.BytesIO(clean.content)).format == "JPEG"


def test_the_name_does_not_matter_the_content_does():
    with pytest.raises(AttachmentError) as caught:
        check_file(upload("photo.jpg", b"MZ\x90\x00\x03\x00\x00\x00 this is a Windows program", "image/jpeg"))
    assert caught.value.message == "This file is not a photo (JPEG, PNG, WebP, HEIC) or a PDF."
    clean = check_file(upload("photo.jpg", pdf_bytes(), "image/jpeg"))
    assert clean.content_type == "application/pdf"


def test_other_documents_and_svg_are_refused():
    for content in (b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", b"PK\x03\x04docx", b"GIF89a....", b"hello"):
        with pytest.raises(AttachmentError):
            check_file(upload("x.png", content))


def test_a_broken_photo_gets_a_plain_message():
    with pytest.raises(AttachmentError) as caught:
        check_file(upload("x.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 100))
    assert "could not open this photo" in caught.value.message


def test_empty_and_oversized_files():
    with pytest.raises(AttachmentError, match="empty"):
        check_file(upload("x.jpg", b""))
    with pytest.raises(AttachmentError) as caught:
        check_file(upload("big.pdf", b"%PDF-1.4\n" + b"0" * MAX_FILE_BYTES))
    assert caught.value.too_large
    assert caught.value.message == "This file is larger than 10 MB. Send a smaller photo or a shorter PDF."


def test_a_pixel_bomb_is_refused_before_it_is_decoded():
    bomb = png_bomb(20000, 20000)
    assert len(bomb) < 200_000
    with pytest.raises(AttachmentError, match="too large to process"):
        check_file(upload("bomb.png", bomb, "image/png"))
    # Under Pillow's own limit, but over ours (40 megapixels).
    with pytest.raises(AttachmentError, match="too large to process"):
        check_file(upload("big.png", png_bomb(8000, 6000), "image/png"))


def test_metadata_is_stripped_and_orientation_applied():
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the fixture really has GPS
    clean = check_file(upload("holiday.jpg", original))
    saved = Image.open(io.BytesIO(clean.content))
    assert saved.size == (40, 80)  # turned upright
    assert not saved.getexif()
    assert "exif" not in saved.info and "icc_profile" not in saved.info and "xmp" not in saved.info
    assert b"Secret Camera" not in clean.content


def test_png_text_chunks_are_dropped():
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "home address: 1 Main St")
    buffer = io.BytesIO()
    Image.new("RGBA", (10, 10), (1, 2, 3, 4)).save(buffer, format="PNG", pnginfo=info)
    clean = check_file(upload("x.png", buffer.getvalue()))
    assert b"Main St" not in clean.content
    assert Image.open(io.BytesIO(clean.content)).mode == "RGBA"


def test_palette_images_keep_their_colours():
    image = Image.new("P", (4, 4))
    image.putpalette([255, 0, 0] * 256)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    clean = check_file(upload("x.png", buffer.getvalue()))
    assert Image.open(io.BytesIO(clean.content)).convert("RGB").getpixel((0, 0)) == (255, 0, 0)


def test_at_most_five_files():
    files = [upload(f"{n}.jpg", image_bytes()) for n in range(6)]
    clean, errors, too_large = check_files(files)
    assert clean == [] and errors == ["Send at most 5 files; you chose 6."] and not too_large
    clean, errors, _too_large = check_files(files[:2], already=4)
    assert errors == ["You can send up to 5 files in all; you can add 1 more."]


def test_batch_errors_name_the_file():
    clean, errors, _too_large = check_files([upload("ok.jpg", image_bytes()), upload("virus.jpg", b"MZ....")])
    assert len(clean) == 1
    assert errors == ["virus.jpg: This file is not a photo (JPEG, PNG, WebP, HEIC) or a PDF."]


def test_original_names_are_cleaned():
    assert clean_name("../../etc/passwd") == "passwd"
    assert clean_name("C:\\Users\\ana\\photo.jpg") == "photo.jpg"
    assert clean_name("bad\x00name\x1b.jpg") == "badname.jpg"
    assert len(clean_name("a" * 300 + ".jpg")) == 200
