/**
 * First-level units of Kyrgyzstan, Uzbekistan, Tajikistan and Turkmenistan (our own table):
 * GeoNames admin1 code -> canonical English name, the GeoNames name of its centre, and
 * English/Russian/local names. Capital cities that are admin1 units map to the city itself
 * (`centre` equals `name`, no separate region entry).
 */

/** [country, GeoNames admin1 code, canonical name, centre (GeoNames name), names…]. */
export const CA_ADMIN1: readonly [string, string, string, string, ...string[]][] = [
  ['KG', '01', 'Bishkek', 'Bishkek'],
  ['KG', '10', 'Osh', 'Osh'],
  ['KG', '02', 'Chuy Region', 'Tokmok', 'Chui Region', 'Чуйская область', 'Чүй облусу'],
  ['KG', '03', 'Jalal-Abad Region', 'Jalal-Abad', 'Джалал-Абадская область',
    'Жалал-Абад облусу'],
  ['KG', '04', 'Naryn Region', 'Naryn', 'Нарынская область', 'Нарын облусу'],
  ['KG', '06', 'Talas Region', 'Talas', 'Таласская область', 'Талас облусу'],
  ['KG', '07', 'Issyk-Kul Region', 'Karakol', 'Ysyk-Kol Region', 'Иссык-Кульская область',
    'Ысык-Көл облусу'],
  ['KG', '08', 'Osh Region', 'Osh', 'Ошская область', 'Ош облусу'],
  ['KG', '09', 'Batken Region', 'Batken', 'Баткенская область', 'Баткен облусу'],
  ['UZ', '13', 'Tashkent', 'Tashkent'],
  ['UZ', '01', 'Andijan Region', 'Andijon', 'Andijon viloyati', 'Андижанская область'],
  ['UZ', '02', 'Bukhara Region', 'Bukhara', 'Buxoro viloyati', 'Бухарская область'],
  ['UZ', '03', 'Fergana Region', 'Fergana', 'Fargʻona viloyati', 'Ферганская область',
    'Fergana Valley', 'Ферганская долина'],
  ['UZ', '05', 'Khorezm Region', 'Urganch', 'Khorezm', 'Xorazm', 'Хорезм', 'Xorazm viloyati', 'Хорезмская область'],
  ['UZ', '06', 'Namangan Region', 'Namangan', 'Namangan viloyati', 'Наманганская область'],
  ['UZ', '07', 'Navoiy Region', 'Navoiy', 'Navoiy viloyati', 'Навоийская область'],
  ['UZ', '08', 'Kashkadarya Region', 'Qarshi', 'Qashqadaryo viloyati',
    'Кашкадарьинская область'],
  ['UZ', '09', 'Karakalpakstan', 'Nukus', 'Republic of Karakalpakstan', 'Qoraqalpogʻiston',
    'Каракалпакстан', 'Республика Каракалпакстан', 'Қарақалпақстан'],
  ['UZ', '10', 'Samarkand Region', 'Samarkand', 'Samarqand viloyati',
    'Самаркандская область'],
  ['UZ', '12', 'Surkhandarya Region', 'Tirmiz', 'Surxondaryo viloyati',
    'Сурхандарьинская область'],
  ['UZ', '14', 'Tashkent Region', 'Tashkent', 'Toshkent viloyati', 'Ташкентская область'],
  ['UZ', '15', 'Jizzakh Region', 'Jizzax', 'Jizzax viloyati', 'Джизакская область'],
  ['UZ', '16', 'Syrdarya Region', 'Guliston', 'Sirdaryo viloyati', 'Сырдарьинская область'],
  ['TJ', '04', 'Dushanbe', 'Dushanbe'],
  ['TJ', '01', 'Gorno-Badakhshan', 'Khorugh', 'Gorno-Badakhshan Autonomous Region', 'GBAO',
    'Pamir', 'Горно-Бадахшанская автономная область', 'ГБАО', 'Горный Бадахшан', 'Памир'],
  ['TJ', '02', 'Khatlon Region', 'Qŭrghonteppa', 'Khatlon', 'Хатлонская область', 'Хатлон'],
  ['TJ', '03', 'Sughd Region', 'Khujand', 'Sughd', 'Sogd Region', 'Согдийская область',
    'Суғд'],
  ['TJ', 'RR', 'Districts of Republican Subordination', 'Vahdat', 'Районы республиканского подчинения'],
  ['TM', 'S', 'Ashgabat', 'Ashgabat'],
  ['TM', '01', 'Ahal Region', 'Annau', 'Ahal', 'Ахалский велаят', 'Ахал'],
  ['TM', '02', 'Balkan Region', 'Balkanabat', 'Balkan', 'Балканский велаят'],
  ['TM', '03', 'Dashoguz Region', 'Daşoguz', 'Daşoguz welaýaty', 'Дашогузский велаят'],
  ['TM', '04', 'Lebap Region', 'Türkmenabat', 'Lebap', 'Лебапский велаят'],
  ['TM', '05', 'Mary Region', 'Mary', 'Mary welaýaty', 'Марыйский велаят'],
];
