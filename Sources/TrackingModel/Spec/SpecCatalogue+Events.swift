extension SpecCatalogue {
    /// The names of the video events of the reference.
    public static let videoEventNames: [String] = [
        "video_start", "video_pause", "video_resume", "video_complete",
        "video_buffer_start", "video_buffer_complete", "video_seek_start", "video_seek_complete",
        "video_content_start", "video_content_playing", "video_content_quarter_reached", "video_content_complete",
        "video_ad_start", "video_ad_playing", "video_ad_stop", "video_ad_complete", "video_ad_skip", "video_ad_click",
        "video_ad_break_start", "video_ad_break_complete", "video_volume", "video_speed",
        "video_subtitle_on", "video_subtitle_off", "video_fullscreen_on", "video_fullscreen_off",
        "video_quality", "video_share", "video_error",
    ]

    static func buildEvents() -> [EventSpec] {
        // Shared definitions; events adjust the requirement and, where it differs, the explanation.
        let value = FieldSpec("value", .number, .optional, "Total value of the event, in `currency`.", example: 108.24)
        let currency = FieldSpec("currency", .currency, .optional,
                                 "ISO 4217 code (three capital letters) of every amount of the event.", example: "EUR")
        let revenue = FieldSpec("revenue", .number, .optional, "Amount without tax and shipping.", example: 90.2)
        let items = FieldSpec("items", .objectArray, .optional, "The products concerned, one entry per line.", objectName: "item")
        let coupon = FieldSpec("coupon", .string, .optional, "Coupon code applied to the whole order.", example: "SUMMER10")
        let orderId = FieldSpec("id", .identifier, .optional, "Your id of the order.", example: "O-20240611-0042")
        let paymentMethod = FieldSpec("payment_method", .string, .optional, "How the customer pays.",
                                      allowedValues: Enumerations.paymentMethod, example: "card")
        let itemListName = FieldSpec("item_list_name", .string, .optional, "Name of the list the products were shown in.",
                                     example: "Summer collection")
        let method = FieldSpec("method", .string, .optional, "How the user signed in or up (email, google, ...).", example: "email")

        var events: [EventSpec] = [
            EventSpec("page_view", .page, "A page (or app screen) was displayed.", fields: [
                FieldSpec("page_type", .string, .required, "Kind of page, from the reference's list.",
                          allowedValues: Enumerations.pageType, example: "product"),
                FieldSpec("page_name", .string, .optional, "A readable name of the page.", example: "Linen shirt"),
            ]),
            EventSpec("login", .account, "The user signed in.", fields: [method]),
            EventSpec("sign_up", .account, "The user created an account.", fields: [method.explained("How the account was created (email, google, ...).")]),
            EventSpec("search", .content, "The user searched the site.", fields: [
                FieldSpec("search_term", .string, .required, "What the user typed into the search box.", example: "t-shirts"),
            ]),
            EventSpec("select_content", .content, "The user picked a piece of content.", fields: [
                FieldSpec("content_type", .string, .optional, "Kind of content picked (article, video, ...).", example: "article"),
                FieldSpec("item_id", .identifier, .optional, "Id of the content picked.", example: "A-778"),
            ]),
            EventSpec("generate_lead", .lead, "The user left contact details (form, call-back, quote).", fields: [
                value.explained("Estimated worth of the lead, in `currency`."),
                currency,
                orderId.explained("Your id of the lead.").exampled("L-5531"),
            ]),
            EventSpec("add_payment_info", .ecommerce, "The user entered payment details during checkout.", fields: [
                paymentMethod.with(.required),
                coupon, revenue, currency, items,
            ]),
            EventSpec("add_shipping_info", .ecommerce, "The user chose a delivery option during checkout.", fields: [
                currency.with(.required), value.with(.required), items.with(.required), coupon,
                FieldSpec("shipping_tier", .string, .optional, "Delivery option chosen (standard, express, pick-up, ...).",
                          example: "express"),
            ]),
            EventSpec("add_to_cart", .ecommerce, "Products were put in the basket.", fields: [
                value.with(.required).explained("Value of the products added, in `currency`."), currency.with(.required),
                items.with(.required).explained("The products added."),
            ]),
            EventSpec("view_item", .ecommerce, "A product page was viewed.", fields: [
                value.with(.required).explained("Value of the product viewed, in `currency`."), currency.with(.required),
                items.with(.required).explained("The product viewed."),
            ]),
            EventSpec("add_to_wishlist", .ecommerce, "Products were put on a wish list.", fields: [
                items.with(.required).explained("The products added to the wish list."), value, currency,
            ]),
            EventSpec("remove_from_cart", .ecommerce, "Products were taken out of the basket.", fields: [
                items.with(.required).explained("The products removed."), value, currency,
            ]),
            EventSpec("view_cart", .ecommerce, "The basket was viewed.", fields: [
                items.with(.required).explained("What the basket holds."), value, currency,
            ]),
            EventSpec("begin_checkout", .ecommerce, "The user started the checkout.", fields: [
                revenue.with(.required), value.with(.required).explained("Total of the basket with tax and shipping."),
                currency.with(.required), items.with(.required).explained("What the basket holds."), coupon, orderId,
            ]),
            EventSpec("purchase", .ecommerce, "An order was placed.", fields: [
                orderId.with(.required),
                FieldSpec("type", .string, .required, "Where the order was placed: online, offline or call.",
                          allowedValues: Enumerations.transactionType, example: "online"),
                value.with(.required).explained("Total paid, tax and shipping included."),
                revenue.with(.required).explained("Total without tax and shipping."),
                paymentMethod.with(.required),
                currency.with(.required),
                FieldSpec("status", .string, .required, "Where the order stands (pending, shipped, delivered, ...).",
                          allowedValues: Enumerations.purchaseStatus, example: "pending"),
                items.with(.required).explained("The products ordered."),
                coupon,
                FieldSpec("tax_amount", .number, .optional, "Tax included in value.", example: 18.04),
                FieldSpec("shipping_amount", .number, .optional, "Shipping cost included in value.", example: 4.9),
                FieldSpec("shipping_provider", .string, .optional, "Carrier delivering the order.", example: "Colissimo"),
                FieldSpec("discount_value", .number, .optional, "Discount granted on the whole order."),
                FieldSpec("last_channel", .string, .optional, "Marketing channel of the last visit before the order."),
                FieldSpec("last_source", .string, .optional, "Traffic source of the last visit before the order."),
            ]),
            EventSpec("refund", .ecommerce, "An order was refunded, fully or in part.", fields: [
                orderId.with(.required).explained("Id of the order being refunded."),
                revenue.with(.required).explained("Amount refunded without tax and shipping."),
                value.with(.required).explained("Amount refunded, tax and shipping included."),
                currency.with(.required),
                FieldSpec("type", .string, .required, "Where the original order was placed: online, offline or call.",
                          allowedValues: Enumerations.transactionType, example: "online"),
                items.with(.conditional("required for a partial refund")).explained("The products refunded; required for a partial refund."),
                FieldSpec("shipping_amount", .number, .optional, "Shipping cost refunded."),
                FieldSpec("tax_amount", .number, .optional, "Tax refunded.", example: 18.04),
                coupon.explained("Coupon code of the refunded order."),
            ], notes: ["items is required for a partial refund."]),
            EventSpec("select_item", .ecommerce, "A product was picked from a list.", fields: [
                items.with(.required).explained("The product picked: exactly one entry."), itemListName,
            ], notes: ["items holds exactly one element."]),
            EventSpec("view_item_list", .ecommerce, "A list of products was shown.", fields: [
                items.with(.required).explained("The products shown."), itemListName,
            ]),
        ]
        let adFields = [
            FieldSpec("medium", .string, .required, "Kind of traffic the ad belongs to (cpc, display, email, ...).", example: "display"),
            FieldSpec("source", .string, .required, "Where the ad ran (google, facebook, a partner site, ...).", example: "google"),
            FieldSpec("campaign", .string, .optional, "Name of the campaign.", example: "summer_sale"),
            FieldSpec("keyword", .string, .optional, "Keyword that triggered the ad."),
            FieldSpec("ad_format", .string, .optional, "Format of the ad (banner, video, native, ...).", example: "banner"),
            FieldSpec("ad_cost_id", .identifier, .optional, "Id linking the ad to its cost data."),
        ]
        events.append(EventSpec("ad_view", .advertising, "An ad was displayed.", fields: adFields))
        events.append(EventSpec("ad_click", .advertising, "An ad was clicked.", fields: adFields))
        for name in videoEventNames {
            events.append(EventSpec(name, .video, videoSummary(name), fields: []))
        }
        return events
    }

    private static func videoSummary(_ name: String) -> String {
        switch name {
        case "video_start": "The player started a video."
        case "video_pause": "The viewer paused the video."
        case "video_resume": "Playback resumed after a pause."
        case "video_complete": "The video played to its end."
        case "video_buffer_start": "Playback stopped to buffer."
        case "video_buffer_complete": "Buffering ended and playback went on."
        case "video_seek_start": "The viewer started moving the play head."
        case "video_seek_complete": "The play head reached its new position."
        case "video_content_start": "The main content (not an ad) started."
        case "video_content_playing": "The main content is playing (periodic heartbeat)."
        case "video_content_quarter_reached": "The content reached 25, 50 or 75 % of its length."
        case "video_content_complete": "The main content played to its end."
        case "video_ad_start": "An ad inside the video started."
        case "video_ad_playing": "An ad inside the video is playing (heartbeat)."
        case "video_ad_stop": "An ad stopped before its end."
        case "video_ad_complete": "An ad played to its end."
        case "video_ad_skip": "The viewer skipped an ad."
        case "video_ad_click": "The viewer clicked an ad in the player."
        case "video_ad_break_start": "A break of one or more ads started."
        case "video_ad_break_complete": "The ad break ended."
        case "video_volume": "The viewer changed the volume."
        case "video_speed": "The viewer changed the playback speed."
        case "video_subtitle_on": "Subtitles were switched on."
        case "video_subtitle_off": "Subtitles were switched off."
        case "video_fullscreen_on": "The player went full screen."
        case "video_fullscreen_off": "The player left full screen."
        case "video_quality": "The playback quality changed."
        case "video_share": "The viewer shared the video."
        case "video_error": "The player hit an error."
        default: "A video player event."
        }
    }
}

extension FieldSpec {
    /// The same field with another example value.
    func exampled(_ example: JSONValue) -> FieldSpec {
        FieldSpec(name, type, requirement, explanation, allowedValues: allowedValues, objectName: objectName, example: example)
    }
}
