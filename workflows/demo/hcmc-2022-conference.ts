/**
 * @module The demo conference: the Ho Chi Minh City Friendship Dialogue 2022. The host city chairs;
 * 24 partner localities take part, with two accredited observers. Localities marked `illustrative` stand
 * in where press coverage names the country but not the locality. The fixture does not name the people,
 * so participants carry their function as their name ("Head of delegation"); a real secretariat replaces
 * them when it sets up its conference.
 */

export interface DemoLocality {
  locality: string
  country: string
  illustrative?: boolean
}

export const HCMC_2022 = {
  name: 'Ho Chi Minh City Friendship Dialogue 2022',
  nameVi: 'Đối thoại Hữu nghị Thành phố Hồ Chí Minh năm 2022',
  theme: 'Adapting to recover, creating development',
  themeVi: 'Thích ứng để phục hồi và kiến tạo phát triển',
  hostTimeZone: 'Asia/Ho_Chi_Minh',
  dates: { from: '2022-12-02', to: '2022-12-05' },
  plenary: { date: '2022-12-03', venue: 'Thống Nhất Hall (Hội trường Thống Nhất), Ho Chi Minh City' },
  host: { locality: 'Ho Chi Minh City', country: 'Viet Nam' },
  chairTitle: "Chairman of the City People's Committee",
} as const

export const HCMC_2022_PARTNERS: readonly DemoLocality[] = [
  { locality: 'Vientiane Capital', country: 'Laos' },
  { locality: 'Champasak Province', country: 'Laos' },
  { locality: 'Savannakhet Province', country: 'Laos' },
  { locality: 'Xiengkhouang Province', country: 'Laos' },
  { locality: 'Phnom Penh Capital', country: 'Cambodia' },
  { locality: 'Gyeongsangbuk-do Province', country: 'Republic of Korea' },
  { locality: 'Gangwon Province', country: 'Republic of Korea' },
  { locality: 'Daegu Metropolitan City', country: 'Republic of Korea' },
  { locality: 'Yunnan Province', country: 'China' },
  { locality: 'Jiangsu Province', country: 'China' },
  { locality: 'Shanghai', country: 'China' },
  { locality: 'Guangdong Province', country: 'China' },
  { locality: 'Osaka', country: 'Japan' },
  { locality: 'Aichi Prefecture', country: 'Japan' },
  { locality: 'Leipzig', country: 'Germany' },
  { locality: 'Saint Petersburg', country: 'Russian Federation' },
  { locality: 'Rotterdam', country: 'Netherlands' },
  { locality: 'San Francisco', country: 'United States', illustrative: true },
  { locality: 'Victoria', country: 'Australia', illustrative: true },
  { locality: 'Minsk', country: 'Belarus', illustrative: true },
  { locality: 'Manila', country: 'Philippines', illustrative: true },
  { locality: 'Bangkok', country: 'Thailand', illustrative: true },
  { locality: 'Chongqing', country: 'China' },
  { locality: 'Guangzhou', country: 'China' },
]

export const HCMC_2022_OBSERVERS: readonly string[] = [
  'Ministry of Foreign Affairs of Viet Nam',
  'Japan–Viet Nam Friendship Parliamentary Alliance',
]
