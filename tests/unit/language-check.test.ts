import { describe, expect, it } from 'vitest';
import { checkLanguage } from '../../lib/generation/language-check';

const english = `## Why caching matters

Caching is one of the simplest ways to make a WordPress site faster. When a visitor opens a page, the server has to run PHP, query the database and build the HTML from scratch. A page cache stores the finished HTML, so the next visitor gets it in a few milliseconds. In this guide you will learn how to set up caching with a plugin, how to test that it works, and which settings are worth changing. We also look at object caching with Redis, which helps sites that have many logged-in users, and at the mistakes that can break your checkout page.`;

const german = `## Warum Caching wichtig ist

Caching ist eine der einfachsten Möglichkeiten, eine WordPress-Seite schneller zu machen. Wenn ein Besucher eine Seite öffnet, muss der Server PHP ausführen, die Datenbank abfragen und das HTML neu erzeugen. Ein Page Cache speichert das fertige HTML, damit der nächste Besucher es in wenigen Millisekunden bekommt. In diesem Guide zeigen wir, wie du das Caching mit einem Plugin einrichtest, wie du das Setup testest und welche Settings sich lohnen. Außerdem geht es um Object Caching mit Redis, das bei vielen eingeloggten Usern hilft, und um typische Fehler beim Deployment, die den Checkout kaputt machen können.

\`\`\`bash
# the cache is warmed after each deploy
wp cache flush && wp rocket preload --all --with-the-sitemap
\`\`\`

Mehr dazu steht in der Doku unter https://developer.wordpress.org/advanced-administration/performance/cache/ und im Blog.`;

const french = `## Pourquoi le cache est important

Le cache est l'un des moyens les plus simples de rendre un site WordPress plus rapide. Quand un visiteur ouvre une page, le serveur doit exécuter PHP, interroger la base de données et construire le HTML à partir de zéro. Un cache de page garde le HTML terminé, et le visiteur suivant le reçoit en quelques millisecondes. Dans ce guide, vous verrez comment installer une extension de cache, comment vérifier qu'elle fonctionne et quels réglages sont utiles. Nous parlons aussi du cache d'objets avec Redis, qui aide les sites avec beaucoup d'utilisateurs connectés.`;

const spanish = `## Por qué importa la caché

La caché es una de las formas más sencillas de hacer que un sitio de WordPress sea más rápido. Cuando un visitante abre una página, el servidor tiene que ejecutar PHP, consultar la base de datos y construir el HTML desde cero. Una caché de página guarda el HTML terminado, y el siguiente visitante lo recibe en pocos milisegundos. En esta guía verás cómo configurar la caché con un plugin, cómo comprobar que funciona y qué ajustes vale la pena cambiar. También hablamos de la caché de objetos con Redis, que ayuda a los sitios con muchos usuarios registrados.`;

const italian = `## Perché la cache è importante

La cache è uno dei modi più semplici per rendere più veloce un sito WordPress. Quando un visitatore apre una pagina, il server deve eseguire PHP, interrogare il database e costruire l'HTML da zero. Una cache di pagina conserva l'HTML finito, e il visitatore successivo lo riceve in pochi millisecondi. In questa guida vedrai come configurare la cache con un plugin, come verificare che funzioni e quali impostazioni conviene cambiare. Parliamo anche della cache degli oggetti con Redis, che aiuta i siti con molti utenti connessi.`;

const portuguese = `## Por que o cache é importante

O cache é uma das formas mais simples de deixar um site WordPress mais rápido. Quando um visitante abre uma página, o servidor precisa executar o PHP, consultar o banco de dados e montar o HTML do zero. Um cache de página guarda o HTML pronto, e o próximo visitante o recebe em poucos milissegundos. Neste guia você vai ver como configurar o cache com um plugin, como testar se ele funciona e quais ajustes valem a pena. Também falamos do cache de objetos com o Redis, que ajuda os sites com muitos usuários conectados.`;

const dutch = `## Waarom caching belangrijk is

Caching is een van de eenvoudigste manieren om een WordPress-site sneller te maken. Als een bezoeker een pagina opent, moet de server PHP uitvoeren, de database raadplegen en de HTML opnieuw opbouwen. Een paginacache bewaart de kant-en-klare HTML, zodat de volgende bezoeker die binnen een paar milliseconden krijgt. In deze gids lees je hoe je caching met een plugin instelt, hoe je test dat het werkt en welke instellingen de moeite waard zijn. Ook kijken we naar objectcaching met Redis, dat helpt bij sites met veel ingelogde gebruikers.`;

const polish = `## Dlaczego pamięć podręczna jest ważna

Pamięć podręczna to jeden z najprostszych sposobów, aby przyspieszyć stronę na WordPressie. Gdy odwiedzający otwiera stronę, serwer musi uruchomić PHP, odpytać bazę danych i zbudować HTML od nowa. Cache strony przechowuje gotowy HTML, więc kolejny odwiedzający dostaje go w kilka milisekund. W tym poradniku dowiesz się, jak skonfigurować cache za pomocą wtyczki, jak sprawdzić, czy działa, i które ustawienia warto zmienić. Omawiamy też cache obiektów z Redisem, który pomaga stronom z wieloma zalogowanymi użytkownikami.`;

const swedish = `## Varför cachning är viktigt

Cachning är ett av de enklaste sätten att göra en WordPress-webbplats snabbare. När en besökare öppnar en sida måste servern köra PHP, fråga databasen och bygga HTML från början. En sidcache sparar den färdiga HTML-koden, så att nästa besökare får den på några millisekunder. I den här guiden får du veta hur du ställer in cachning med ett tillägg, hur du testar att det fungerar och vilka inställningar som är värda att ändra. Vi tittar också på objektcache med Redis, som hjälper webbplatser med många inloggade användare.`;

const turkish = `## Önbellek neden önemlidir

Önbellek, bir WordPress sitesini daha hızlı yapmanın en basit yollarından biridir. Bir ziyaretçi bir sayfa açtığında sunucu PHP çalıştırmak, veritabanını sorgulamak ve HTML kodunu sıfırdan oluşturmak zorundadır. Sayfa önbelleği hazır HTML kodunu saklar ve bir sonraki ziyaretçi onu birkaç milisaniye içinde alır. Bu rehberde önbelleği bir eklenti ile nasıl kuracağınızı, çalışıp çalışmadığını nasıl test edeceğinizi ve hangi ayarların değiştirilmeye değer olduğunu öğreneceksiniz. Ayrıca çok sayıda oturum açmış kullanıcısı olan siteler için Redis ile nesne önbelleğini de ele alıyoruz.`;

const russian = `## Зачем нужно кэширование

Кэширование — один из самых простых способов ускорить сайт на WordPress. Когда посетитель открывает страницу, сервер должен выполнить PHP, обратиться к базе данных и собрать HTML с нуля. Кэш страниц хранит готовый HTML, и следующий посетитель получает его за несколько миллисекунд. В этом руководстве вы узнаете, как настроить кэширование с помощью плагина, как проверить, что оно работает, и какие настройки стоит изменить. Мы также рассмотрим объектный кэш на Redis, который помогает сайтам с большим числом авторизованных пользователей.`;

const ukrainian = `## Навіщо потрібне кешування

Кешування — один із найпростіших способів пришвидшити сайт на WordPress. Коли відвідувач відкриває сторінку, сервер має виконати PHP, звернутися до бази даних і зібрати HTML з нуля. Кеш сторінок зберігає готовий HTML, і наступний відвідувач отримує його за кілька мілісекунд. У цьому посібнику ви дізнаєтеся, як налаштувати кешування за допомогою плагіна, як перевірити, що воно працює, і які налаштування варто змінити. Ми також розглянемо об'єктний кеш на Redis, який допомагає сайтам із великою кількістю авторизованих користувачів.`;

const japanese = `## キャッシュが重要な理由

キャッシュは、WordPressサイトを速くするための最も簡単な方法の一つです。訪問者がページを開くと、サーバーはPHPを実行し、データベースに問い合わせ、HTMLを一から組み立てる必要があります。ページキャッシュは完成したHTMLを保存するので、次の訪問者は数ミリ秒でページを受け取れます。このガイドでは、プラグインでキャッシュを設定する方法、正しく動いているかを確認する方法、そして変更する価値のある設定を紹介します。また、ログインユーザーが多いサイトに役立つRedisのオブジェクトキャッシュについても説明します。`;

const chinese = `## 为什么缓存很重要

缓存是让 WordPress 网站变快的最简单的方法之一。当访客打开一个页面时，服务器需要运行 PHP、查询数据库，并从头生成 HTML。页面缓存会保存生成好的 HTML，下一位访客只需几毫秒就能收到页面。在本指南中，你将学习如何用插件设置缓存、如何检查它是否正常工作，以及哪些设置值得修改。我们还会介绍使用 Redis 的对象缓存，它对登录用户很多的网站特别有帮助。`;

const korean = `## 캐시가 중요한 이유

캐시는 WordPress 사이트를 빠르게 만드는 가장 간단한 방법 중 하나입니다. 방문자가 페이지를 열면 서버는 PHP를 실행하고 데이터베이스를 조회한 뒤 HTML을 처음부터 만들어야 합니다. 페이지 캐시는 완성된 HTML을 저장하므로 다음 방문자는 몇 밀리초 만에 페이지를 받습니다. 이 가이드에서는 플러그인으로 캐시를 설정하는 방법과 제대로 작동하는지 확인하는 방법을 알아봅니다.`;

describe('checkLanguage', () => {
  it.each([
    ['English', english], ['german', german], ['Deutsch', german], ['Français', french], ['es', spanish],
    ['Italiano', italian], ['Brazilian Portuguese', portuguese], ['Nederlands', dutch], ['polski', polish],
    ['Svenska', swedish], ['Türkçe', turkish], ['Russian', russian], ['українська', ukrainian],
    ['Japanese', japanese], ['日本語', japanese], ['中文', chinese], ['Simplified Chinese', chinese], ['한국어', korean],
    ['en-US', english], ['English (UK)', english],
  ])('finds %s text in its language', (language, text) => {
    expect(checkLanguage(text, language)).toBe('match');
  });

  it('calls a post in another language a mismatch', () => {
    expect(checkLanguage(german, 'English')).toBe('mismatch');
    expect(checkLanguage(english, 'German')).toBe('mismatch');
    expect(checkLanguage(spanish, 'French')).toBe('mismatch');
    expect(checkLanguage(russian, 'English')).toBe('mismatch');
    expect(checkLanguage(english, 'Russian')).toBe('mismatch');
    expect(checkLanguage(japanese, 'English')).toBe('mismatch');
    expect(checkLanguage(chinese, 'Japanese')).toBe('mismatch');
    expect(checkLanguage(japanese, 'Chinese')).toBe('mismatch');
    expect(checkLanguage(ukrainian, 'Russian')).toBe('mismatch');
  });

  it('lets a German post quoting English UI labels and errors pass', () => {
    const quotingEnglish = `## Cache leeren nach dem Update

Nach jedem Update solltest du den Cache leeren. Öffne im Dashboard den Bereich „Settings“ und klicke auf „Clear all caches for this site“. Wenn dann die Meldung „The cache is being rebuilt in the background“ erscheint, ist alles in Ordnung. Falls stattdessen "Error: you do not have permission to do this" kommt, fehlt deinem Account die Rolle Administrator. In dem Fall hilft der Button „Request access from the owner of the site“. Danach lädst du die Seite neu und prüfst im Tab „Network“, ob der Header „x-cache: HIT“ gesetzt ist.`;
    expect(checkLanguage(quotingEnglish, 'German')).toBe('match');
  });

  it('never calls a text half in the asked language a mismatch', () => {
    const halves = `${english.split('. ').slice(0, 4).join('. ')}.\n\n${german.split('. ').slice(0, 4).join('. ')}.`;
    expect(checkLanguage(halves, 'English')).not.toBe('mismatch');
    expect(checkLanguage(halves, 'German')).not.toBe('mismatch');
  });

  it('lets an English post with a few foreign words pass', () => {
    const withForeignWords = `${english} The French call this the "mise en place" of a site, and the Germans would say it is alles in Ordnung.`;
    expect(checkLanguage(withForeignWords, 'English')).toBe('match');
  });

  it('does not judge what it cannot: too little text, or a language it does not know', () => {
    expect(checkLanguage('Caching makes WordPress sites faster. Here is how to set it up.', 'English')).toBe('unknown');
    expect(checkLanguage('Caching ist wichtig.', 'English')).toBe('unknown');
    expect(checkLanguage(english, 'Klingon')).toBe('unknown');
  });

  it('ignores code and URLs, which are not prose', () => {
    const code = '```js\n' + 'const the = and.of.to.is.that.with.for.this.are;\n'.repeat(40) + '```';
    expect(checkLanguage(`${code}\n\nhttps://example.com/the/and/of/to/is/that/with/for/this`, 'German')).toBe('unknown');
    expect(checkLanguage(`${code}\n\n${german}`, 'German')).toBe('match');
  });
});
