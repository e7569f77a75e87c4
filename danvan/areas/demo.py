from danvan.areas.models import ContentArea

ORDER = 15

# The fields of work named in the 2022 review conference report.
AREAS = [
    ("tuyen-truyen-van-dong", "Tuyên truyền, vận động"),
    ("dan-chu-co-so", "Thực hiện quy chế dân chủ ở cơ sở"),
    ("giam-sat-phan-bien", "Giám sát, phản biện xã hội"),
    ("xay-dung-dang", "Xây dựng Đảng, chính quyền"),
    ("quoc-phong-an-ninh", "Quốc phòng toàn dân, thế trận an ninh nhân dân"),
    ("xu-tri-tinh-huong", "Xử trí tình huống, giữ vững an ninh trật tự"),
    ("doi-ngoai", "Đối ngoại quốc phòng, ngoại giao nhân dân"),
    ("nong-thon-moi", "Xây dựng nông thôn mới, đô thị văn minh"),
    ("thien-tai-dich-benh", "Phòng, chống thiên tai, dịch bệnh"),
    ("den-on-dap-nghia", "Phong trào “Đền ơn đáp nghĩa”"),
    ("dan-van-kheo", "Phong trào thi đua “Dân vận khéo”"),
    ("boi-duong-can-bo", "Bồi dưỡng cán bộ làm công tác dân vận"),
]


def load() -> int:
    created = 0
    for order, (code, name) in enumerate(AREAS, start=1):
        _area, made = ContentArea.objects.get_or_create(
            code=code, defaults={"name": name, "order": order * 10}
        )
        created += made
    return created
